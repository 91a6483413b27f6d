// Wagtail's admin starts some widgets with inline <script>s: date and time pickers,
// choosers and inline panels.  The staff tier's Content-Security-Policy blocks inline
// scripts (no 'unsafe-inline'), so portal/admin_init.py and the templates under
// portal/templates/wagtailadmin/ leave a marker instead:
//   <span hidden data-portal-init="InlinePanel" data-portal-args="[...]" data-portal-new>
// and this script makes the same call, also for forms added later (InlinePanel, StreamField).
(() => {
  const CONSTRUCTORS = [
    "Chooser",
    "DocumentChooser",
    "ImageChooser",
    "InlinePanel",
    "MultipleChooserPanel",
    "PageChooser",
    "SnippetChooser",
  ];
  const FUNCTIONS = ["createTaskChooser", "initDateChooser", "initDateTimeChooser", "initTimeChooser"];

  const start = (marker) => {
    const name = marker.dataset.portalInit;
    const isNew = "portalNew" in marker.dataset;
    if (marker.dataset.portalStarted) return;
    if (!(isNew ? CONSTRUCTORS : FUNCTIONS).includes(name)) return;
    if (typeof window[name] !== "function") return;
    const args = JSON.parse(marker.dataset.portalArgs || "[]");
    // A form added from a <template> only counts once its fields are in the document.
    if (typeof args[0] === "string" && args[0].includes("__prefix__")) return;
    marker.dataset.portalStarted = "true";
    if (isNew) {
      new window[name](...args);
    } else {
      window[name](...args);
    }
  };

  const scan = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches("[data-portal-init]")) start(node);
    node.querySelectorAll("[data-portal-init]").forEach(start);
  };

  scan(document.body);
  new MutationObserver((records) => {
    records.forEach((record) => record.addedNodes.forEach(scan));
  }).observe(document.body, { childList: true, subtree: true });
})();
