"""Which files belong to the repository: the site is built only from files kept in it."""

from __future__ import annotations

from pathlib import Path

from ..problems import Location, Problem


def repository_of(folder: Path) -> Path:
    """The repository that ``folder`` belongs to (the nearest folder with .git), or ``folder`` itself."""
    folder = folder.resolve()
    return next((candidate for candidate in (folder, *folder.parents) if (candidate / ".git").exists()), folder)


def leaves_repository(path: Path, repository: Path) -> bool:
    """Whether ``path``, followed through its symbolic links (its own or a folder's), ends outside
    ``repository``, or is a link that points at nothing.

    A link that stays inside the repository is reviewed and versioned like the file it points at (the
    test fixtures share the model's schema that way). One that leaves it would publish, and show in
    messages, any file of the machine that builds the site.
    """
    target = path.resolve()
    if not target.exists():
        return path.is_symlink()
    return not target.is_relative_to(repository)


def symlink_problem(display_path: str) -> Problem:
    """A symbolic link out of the repository: refused unread, and its target never named."""
    return Problem(Location(display_path), "",
                   "this is a symbolic link, or lies in a linked folder, that leads out of the repository: the site "
                   "is built only from files kept in the repository; replace the link with the file itself")
