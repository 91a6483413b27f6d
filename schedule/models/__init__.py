from .page import SchedulePage
from .session import CONSULTANT_GROUP, ConsultantKind, Slot, TouringSession
from .venue import Venue

__all__ = ["CONSULTANT_GROUP", "ConsultantKind", "SchedulePage", "Slot", "TouringSession", "Venue"]
