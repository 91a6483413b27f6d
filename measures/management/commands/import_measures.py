"""manage.py import_measures FILE [--publish] [--dry-run]: JSONL or CSV, all or nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from measures.importing import ImportValidationError, parse_file
from measures.importing.errors import RowError
from measures.importing.writer import ImportWriteError, NoIndexPage, import_records


def describe(error: RowError) -> str:
    where = f"{error.line}行目" if error.line else "ファイル全体"
    if error.field:
        where += f"（{error.field}）"
    return f"{where}: {error.message}"


class Command(BaseCommand):
    help = "支援策をJSON Lines（.jsonl）またはCSV（.csv）から取り込みます。id で作成・更新します。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="取り込むファイル（.jsonl または .csv）")
        parser.add_argument("--publish", action="store_true", help="取り込んだページを公開します")
        parser.add_argument(
            "--dry-run", action="store_true", help="何も書き込まず、結果だけを表示します"
        )

    def handle(self, *args, **options):
        translation.activate("ja")
        try:
            records = parse_file(options["file"])
        except FileNotFoundError:
            raise CommandError(f"ファイルが見つかりません: {options['file']}") from None
        except ImportValidationError as exc:
            for error in exc.errors:
                self.stderr.write(describe(error))
            raise CommandError(
                f"{len(exc.errors)}件の問題があるため、何も取り込みませんでした。"
            ) from None
        try:
            report = import_records(records, publish=options["publish"], dry_run=options["dry_run"])
        except NoIndexPage:
            raise CommandError("支援策一覧ページ（MeasureIndexPage）がありません。") from None
        except ImportWriteError as exc:
            raise CommandError(
                f"{exc.record.line}行目（id {exc.record.id}）を保存できませんでした: {exc.error}。"
                "何も取り込みませんでした。"
            ) from None
        self.stdout.write(summary(report))


def summary(report) -> str:
    lines = []
    if report.dry_run:
        lines.append("試行のみ（--dry-run）: 何も書き込んでいません。")
    state = "公開" if report.published else "下書き"
    lines.append(
        f"作成 {len(report.created)}件、更新 {len(report.updated)}件、"
        f"変更なし {len(report.unchanged)}件（{state}）。"
    )
    if report.translated:
        lines.append(f"英語版を作成・更新: {len(report.translated)}件。")
    if report.not_translated:
        lines.append(f"英語の項目がそろわず英語版なし: {', '.join(report.not_translated)}")
    if report.new_purposes:
        lines.append(f"新しい目的を追加: {'、'.join(report.new_purposes)}")
    return "\n".join(lines)
