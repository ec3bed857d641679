"""How a patch replaces an attribute of Rasa and puts the original back."""

from typing import Any, NamedTuple

_ABSENT = object()


class Replacement(NamedTuple):
    owner: Any  # a class or a module of Rasa's
    name: str
    value: Any  # as it is stored in the owner: a staticmethod stays wrapped


class Applied(NamedTuple):
    owner: Any
    name: str
    original: Any

    def undo(self) -> None:
        if self.original is _ABSENT:
            delattr(self.owner, self.name)
        else:
            setattr(self.owner, self.name, self.original)


def apply(replacement: Replacement) -> Applied:
    # The raw stored value (vars, not getattr): a staticmethod or classmethod is put back as it was.
    original = vars(replacement.owner).get(replacement.name, _ABSENT)
    setattr(replacement.owner, replacement.name, replacement.value)
    return Applied(replacement.owner, replacement.name, original)
