"""Imported by the local pool's forkserver: every worker and kernel forked from it starts warm."""

from .forkkernel import warm_up

warm_up()
