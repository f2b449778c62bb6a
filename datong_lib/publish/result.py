"""What a build did, and the exit code ``datong build`` returns for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EXIT_FAILED, EXIT_INVALID, EXIT_OK


@dataclass
class BuildResult:
    """What a build did; ``exit_code`` is what ``datong build`` exits with."""

    reports_dir: Path
    built: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    invalid: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    duration: float = 0.0

    @property
    def exit_code(self) -> int:
        if self.invalid:
            return EXIT_INVALID
        return EXIT_FAILED if self.failed else EXIT_OK

    def summary(self) -> str:
        lines = [f"built {len(self.built)}, up to date {len(self.skipped)}, failed {len(self.failed)}, "
                 f"invalid {len(self.invalid)} in {self.duration:.2f} s -> {self.reports_dir}"]
        lines += [f"  FAILED  {slug}: {err}" for slug, err in sorted(self.failed.items())]
        lines += [f"  INVALID {slug}: {err}" for slug, err in sorted(self.invalid.items())]
        return "\n".join(lines)
