"""Imported by the local pool's forkserver: every worker and kernel forked from it starts warm."""

from jupyter_client import localinterfaces

from .forkkernel import warm_up
from .lean import compile_validator

compile_validator()  # for the workers, which validate what papermill writes
# Every kernel looks up this machine's addresses (importing psutil) to read its connection file.
localinterfaces.localhost()
warm_up()
