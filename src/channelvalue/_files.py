"""Atomic, durable file writes, and file errors that name the path and say what to do.

Every writer of the library goes through `write_file` (one file) or
`write_folder` (a folder of files written as a whole):

- **One file** is written to a temporary file in the destination's folder, flushed to disk
  (`os.fsync`) and renamed over the destination (`os.replace`, atomic on POSIX and
  Windows); then the folder itself is synced so the rename survives a power cut. A reader
  sees the old file or the new one, never a part. On any failure the temporary file is
  removed and the old file is left as it was.
- **A folder** (the CSV tables of a network): every new file is first written and synced
  as a temporary file next to its destination. Only then a *marker* file
  (`.channelvalue-writing-*`) is created in the folder, the old files are renamed aside
  and the new ones renamed in, and the marker is removed last: removing it is the moment
  the new tables become the folder's content. On any error the old files are renamed back
  (the old content is intact); if the process is killed in that short window, the marker
  stays and [`read_csv`][channelvalue.io.read_csv] refuses the folder with a clear error
  instead of reading a mix of two networks, until the next successful write (which
  removes such stale markers). Files of the folder that are not written (notes, other
  data) are left alone. One writer at a time per folder: a second, concurrent write may
  fail, or remove the first one's marker.
- A killed write may leave a hidden temporary file (`.NAME.*.tmp`, or `.NAME.*.old`
  holding the old content of a table) next to the destination; it is never read and
  can be deleted.
- **Symbolic links** at the destination (the file, the folder, or a table file inside the
  folder) are refused with `FileError` unless the caller
  passes `follow_symlinks=True`; then the file the link points to is replaced and the
  link is kept. Links in the folders above the destination are followed as usual.
- A replaced file keeps its permission bits, and a file the user may not write (as
  `open()` would refuse) is refused; the replacement is a new file (a new inode), so
  hard links to the old file keep the old content, and its owner is the writing user.

Every `OSError` (and a NUL character in a path) becomes a
`FileError` naming the path, what went wrong and what to do;
a path that is not a `str` or `os.PathLike` is a
[`WrongTypeError`][channelvalue.WrongTypeError].
"""

from __future__ import annotations

import errno as _errno
import os
import secrets
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import ChannelValueError, FileError, WrongTypeError

__all__ = [
    "MARKER_PREFIX",
    "as_path",
    "file_error",
    "file_errors",
    "write_file",
    "write_folder",
]

MARKER_PREFIX = ".channelvalue-writing-"
"""Name prefix of the marker file that exists in a folder while it is being written."""

_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)

_HINTS = {
    _errno.ENOTDIR: "a part of the path is a file, not a folder; check the path",
    _errno.EISDIR: "it is a folder; give the path of a file inside it",
    _errno.EACCES: "check the permissions of the file and its folder, or choose another path",
    _errno.EPERM: "check the permissions of the file and its folder, or choose another path",
    _errno.ENOSPC: "free some space on the disk (or choose another disk) and try again",
    _errno.EDQUOT: "free some space within your disk quota and try again",
    _errno.ENAMETOOLONG: "use a shorter file or folder name",
    _errno.EROFS: "the file system is read-only; choose a writable path",
    _errno.ELOOP: "too many symbolic links; check the path",
    _errno.EEXIST: "something else already has that name; remove it or choose another path",
    _errno.ENOTEMPTY: "something else already has that name; remove it or choose another path",
}


def as_path(path: object, where: str, expected: str = "a path (str or os.PathLike)") -> Path:
    """`path` as a `Path`; anything else is a
    [`WrongTypeError`][channelvalue.WrongTypeError] naming `where`.

    Examples:
        >>> as_path("net.json", "save(path=...)").name
        'net.json'
        >>> as_path(None, "load(path=...)")
        Traceback (most recent call last):
        ...
        channelvalue.errors.WrongTypeError: load(path=...): got None (NoneType) but expected \
a path (str or os.PathLike)
    """
    if isinstance(path, str | os.PathLike):
        try:
            return Path(path)
        except TypeError:  # an os.PathLike of bytes
            pass
    raise WrongTypeError(where, path, expected)


def file_error(
    path: str | os.PathLike[str], err: OSError | ValueError, action: str, *, noun: str = "file"
) -> FileError:
    """The `FileError` for `err`, raised when trying to
    `action` (`"read"`, `"write"`) the `noun` at `path`.

    Examples:
        >>> import errno, os
        >>> err = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        >>> print(file_error("out/net.json", err, "write"))
        out/net.json: cannot write file: No space left on device; free some space on the \
disk (or choose another disk) and try again
    """
    if isinstance(err, OSError):
        code = err.errno
        reason = err.strerror or str(err) or type(err).__name__
        hint = _HINTS.get(code, "") if code is not None else ""
        if code == _errno.ENOENT:
            hint = "check the path" if action == "read" else "create the folder first"
    else:  # os functions raise ValueError for a NUL character in a path
        code = None
        text = str(err)
        reason, hint = (
            ("the path holds a NUL character", "remove it from the path")
            if "null" in text.lower() or "nul" in text.lower()
            else (text, "")
        )
    return FileError(os.fspath(path), f"cannot {action} {noun}: {reason}", hint, errno=code)


@contextmanager
def file_errors(path: str | os.PathLike[str], action: str, noun: str = "file") -> Iterator[None]:
    """Turn an `OSError` or a NUL in a path raised inside into a
    `FileError` (a `ChannelValueError` passes through).

    Examples:
        >>> with file_errors("no/such/file", "read"):
        ...     open("no/such/file", "rb")
        Traceback (most recent call last):
        ...
        channelvalue.errors.FileError: no/such/file: cannot read file: No such file or \
directory; check the path
    """
    try:
        yield
    except ChannelValueError:
        raise
    except (OSError, ValueError) as err:
        raise file_error(path, err, action, noun=noun) from None


def _destination(path: Path, follow_symlinks: bool, noun: str = "file") -> Path:
    """The path to replace: `path` itself, or the file its symbolic link points to."""
    with file_errors(path, "write", noun):
        is_link = path.is_symlink()
        if is_link and not follow_symlinks:
            raise FileError(
                str(path),
                f"cannot write {noun}: it is a symbolic link",
                "pass follow_symlinks=True to replace the file it points to, or remove the link",
            )
        return Path(os.path.realpath(path)) if is_link else path


def _mode(path: Path) -> int | None:
    """The permission bits of the existing regular file at `path` (None if there is none).

    Raises:
        IsADirectoryError: `path` is a folder.
        OSError: `path` is something else that is not a regular file.
    """
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(_errno.EISDIR, os.strerror(_errno.EISDIR), str(path))
    if not stat.S_ISREG(st.st_mode):
        raise OSError(_errno.EINVAL, "not a regular file", str(path))
    return stat.S_IMODE(st.st_mode)


def _is_special(path: Path) -> bool:
    """Whether `path` is a device, a pipe or a socket (written in place, not replaced)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _write_in_place(path: Path, data: bytes) -> None:
    """Write to a device or pipe such as `/dev/stdout` (there is no file to replace)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view[:_CHUNK]) :]
    finally:
        os.close(fd)


def _temp_name(path: Path, tag: str) -> Path:
    """A fresh hidden name next to `path` (short enough whatever the length of its name)."""
    return path.with_name(f".{path.name[:100]}.{secrets.token_hex(6)}.{tag}")


def _write_temp(path: Path, data: bytes) -> Path:
    """Write `data` to a new, synced temporary file next to `path`; return its name.

    The temporary file gets the mode of the file it will replace, or the mode a new file
    gets (`0o666` less the umask). It is removed again if anything fails.
    """
    mode = _mode(path)
    if mode is not None and not os.access(path, os.W_OK):  # as open() would refuse
        raise PermissionError(_errno.EACCES, os.strerror(_errno.EACCES), str(path))
    while True:
        temp = _temp_name(path, "tmp")
        try:
            fd = os.open(temp, _OPEN_FLAGS, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 48 random bits taken
            continue
    try:
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view[:_CHUNK]) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _remove(temp)
        raise
    return temp


def _remove(path: Path) -> None:
    """Remove a file, ignoring every error (cleaning up after another error)."""
    with suppress(OSError):
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Sync a folder so that renames in it survive a power cut (where the OS allows it)."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows syncs no folders
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError as err:  # some file systems cannot sync a folder: nothing more to do
        if err.errno not in (_errno.EINVAL, _errno.ENOTSUP, _errno.EBADF):
            raise
    finally:
        os.close(fd)


def write_file(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    follow_symlinks: bool = False,
    where: str = "write_file(path=...)",
) -> None:
    """Replace the file at `path` with `data`, atomically and durably.

    See the module documentation: a reader sees the old content or the new one, and the
    old content is intact if anything fails. A device or a pipe (`/dev/stdout`) is
    written in place: there is no file to replace. `where` names the caller in a
    [`WrongTypeError`][channelvalue.WrongTypeError].

    Raises:
        FileError: the file cannot be written (the message says why and what to do), or
            `path` is a symbolic link and `follow_symlinks` is false.
        WrongTypeError: `path` is not a path.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> write_file(p, b"one"); write_file(p, b"two"); p.read_bytes()
        b'two'
    """
    dest = _destination(as_path(path, where), follow_symlinks)
    with file_errors(path, "write"):
        if _is_special(dest):
            _write_in_place(dest, data)
            return
        temp = _write_temp(dest, data)
        try:
            os.replace(temp, dest)
        except BaseException:
            _remove(temp)
            raise
        _sync_folder(dest.parent)


def write_folder(
    folder: str | os.PathLike[str],
    files: Mapping[str, bytes],
    *,
    follow_symlinks: bool = False,
    where: str = "write_folder",
) -> None:
    """Write `files` (name -> content) into `folder` as a whole; the folder (and its
    parents) is created if needed.

    See the module documentation: after any error the folder holds its old files; a
    process killed while the new files are renamed in leaves a marker file, and
    [`read_csv`][channelvalue.io.read_csv] then refuses the folder until it is written again.

    Raises:
        FileError: a file or the folder cannot be written, or a symbolic link is in the way
            and `follow_symlinks` is false.
        WrongTypeError: `folder` is not a path.

    Examples:
        >>> import tempfile, pathlib
        >>> root = pathlib.Path(tempfile.mkdtemp()) / "tables"
        >>> write_folder(root, {"a.csv": b"x\\r\\n1\\r\\n", "b.csv": b"y\\r\\n"})
        >>> sorted(p.name for p in root.iterdir())
        ['a.csv', 'b.csv']
    """
    given = as_path(folder, f"{where}(folder=...)", "a path to a folder (str or os.PathLike)")
    root = _destination(given, follow_symlinks, "folder")
    created = _make_folders(root)
    try:
        _write_all(root, files, follow_symlinks)
    except BaseException:
        for made in reversed(created):  # folders this call created, if still empty
            with suppress(OSError):
                os.rmdir(made)
        raise


def _make_folders(root: Path) -> list[Path]:
    """Create `root` and its missing parents; return the folders created (top first)."""
    missing: list[Path] = []
    with file_errors(root, "write", "folder"):
        probe = root
        while not probe.is_dir():
            if probe.exists() or probe.is_symlink():
                raise NotADirectoryError(_errno.ENOTDIR, "Not a directory", str(probe))
            missing.append(probe)
            if probe.parent == probe:  # pragma: no cover - the file system root
                break
            probe = probe.parent
        created: list[Path] = []
        try:
            for made in reversed(missing):
                os.mkdir(made)
                created.append(made)
            if created:
                _sync_folder(created[0].parent)
        except BaseException:
            for made in reversed(created):
                with suppress(OSError):
                    os.rmdir(made)
            raise
    return created


def _write_all(root: Path, files: Mapping[str, bytes], follow_symlinks: bool) -> None:
    """Stage every file, then swap them in under a marker (see the module documentation)."""
    staged: list[tuple[Path, Path, Path]] = []  # (shown path, destination, temporary file)
    with file_errors(root, "write", "folder"):
        stale = [n for n in os.listdir(root) if n.startswith(MARKER_PREFIX)]
    try:
        for name, data in files.items():
            shown = root / name
            dest = _destination(shown, follow_symlinks)
            with file_errors(shown, "write"):
                staged.append((shown, dest, _write_temp(dest, data)))
        _commit(root, staged)
        for name in stale:  # markers of killed writes: every table has been replaced now
            _remove(root / name)
    finally:
        for _, _, temp in staged:  # left only if the commit did not happen
            _remove(temp)


def _commit(root: Path, staged: list[tuple[Path, Path, Path]]) -> None:
    """Rename the staged files in, under a marker; roll back on any error."""
    marker = root / f"{MARKER_PREFIX}{secrets.token_hex(6)}"
    with file_errors(marker, "write"):
        fd = os.open(marker, _OPEN_FLAGS, 0o666)
        try:
            try:
                os.write(fd, b"channelvalue is writing this folder; if no write is running,\n")
                os.write(fd, b"it was interrupted: write the folder again (or delete this file).\n")
                os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException:
            _remove(marker)
            raise
    done: list[tuple[Path, Path | None]] = []  # (destination, its old file renamed aside)
    current = root
    try:
        with file_errors(marker, "write"):
            _sync_folder(root)
        for shown, dest, temp in staged:
            current = shown
            aside = _temp_name(dest, "old")
            with file_errors(shown, "write"):
                try:
                    os.rename(dest, aside)
                    done.append((dest, aside))
                except FileNotFoundError:
                    done.append((dest, None))
                os.replace(temp, dest)
        current = root
        with file_errors(root, "write", "folder"):
            for folder in dict.fromkeys(dest.parent for _, dest, _ in staged):
                _sync_folder(folder)
            os.unlink(marker)  # the commit: from here on the folder holds the new files
    except BaseException:
        _roll_back(root, marker, done, current)
        raise
    for _, backup in done:
        if backup is not None:
            _remove(backup)
    with file_errors(root, "write", "folder"):
        _sync_folder(root)


def _roll_back(
    root: Path, marker: Path, done: list[tuple[Path, Path | None]], current: Path
) -> None:
    """Put the old files back after a failed commit, then remove the marker.

    If that fails too, the marker stays (readers refuse the folder) and the error says so.
    """
    try:
        for dest, backup in reversed(done):
            if backup is None:
                with suppress(FileNotFoundError):
                    os.unlink(dest)
            else:
                os.replace(backup, dest)
        for folder in dict.fromkeys(dest.parent for dest, _ in done):
            _sync_folder(folder)
        os.unlink(marker)
        _sync_folder(root)
    except OSError as err:
        raise FileError(
            str(root),
            f"cannot write folder: writing {current.name} failed and the old files could not "
            f"be restored ({err.strerror or err})",
            f"write the folder again; {marker.name} marks it as incomplete",
            errno=err.errno,
        ) from None
