"""The papermill engine of a build: nbclient's, saving the notebook when a code cell
starts and at the end rather than around every cell.

papermill (``request_save_on_cell_execute``) writes the whole notebook, validated,
when the run starts, before and after every cell, Markdown cells included, and at the
end: about forty writes for a briefing. A worker stopped from outside needs what ran
and the code cell that was running (:func:`~.worker.mark_failure` marks it), which
the save as each code cell starts gives (it holds the outputs of every cell before);
the notebook itself is the same, since papermill keeps every cell's metadata in memory
whatever it writes.
"""

from __future__ import annotations

import nbformat
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

NAME = "datong"


class _Manager(NotebookExecutionManager):
    """Saves at the start, as each code cell starts and at the end, without validating each time."""

    def save(self, **kwargs):
        if self.output_path:
            with open(self.output_path, "w", encoding="utf-8") as fh:
                fh.write(nbformat.v4.writes(self.nb))
        self.last_save_time = self.now()

    def _saving(self, save: bool, step, *args, **kwargs):
        if save:
            return step(*args, **kwargs)
        path, self.output_path = self.output_path, None  # save() writes nothing without a path
        try:
            return step(*args, **kwargs)
        finally:
            self.output_path = path

    def cell_start(self, cell, cell_index=None, **kwargs):
        return self._saving(cell.get("cell_type") == "code", super().cell_start, cell, cell_index, **kwargs)

    def cell_complete(self, cell, cell_index=None, **kwargs):  # the next code cell's start, or the end, saves
        return self._saving(False, super().cell_complete, cell, cell_index, **kwargs)


class BuildEngine(NBClientEngine):
    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                         autosave_cell_every=30, **kwargs):
        nb_man = _Manager(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                          autosave_cell_every=autosave_cell_every)
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb


papermill_engines.register(NAME, BuildEngine)
