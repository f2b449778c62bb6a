"""Imported by the local pool's forkserver: every worker and kernel forked from it starts warm."""

from .forkkernel import warm_up
from .lean import compile_validator

compile_validator()  # for the workers, which validate what papermill writes
warm_up()
