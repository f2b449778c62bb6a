"""Imported by the forkserver when several briefings of a build segment text: jieba's
dictionary then loads once (about 0.4 s with the user dictionary) instead of once per kernel."""

from ..text import _tokenizer
from .forkkernel import freeze

_tokenizer()
freeze()
