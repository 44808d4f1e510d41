"""A seccomp filter that refuses new user namespaces (runs inside the sandbox, stdlib only)."""

from __future__ import annotations


def deny_user_namespaces() -> bool:
    """Install a seccomp filter (inherited by every child) refusing new user namespaces."""
    import ctypes
    import platform
    import struct

    arches = {"x86_64": (0xC000003E, 272, 56), "aarch64": (0xC00000B7, 97, 220)}
    if platform.machine() not in arches:
        return False
    audit_arch, nr_unshare, nr_clone = arches[platform.machine()]
    nr_clone3, x32_bit, newuser = 435, 0x40000000, 0x10000000
    ld, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    allow, errno_ = 0x7FFF0000, 0x00050000
    enosys, eperm = errno_ | 38, errno_ | 1

    def op(code: int, jt: int, jf: int, k: int) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    prog = [
        op(ld, 0, 0, 4),                 # 0 arch
        op(jeq, 1, 0, audit_arch),       # 1
        op(ret, 0, 0, enosys),           # 2 a foreign ABI (i386 via int 0x80): refuse everything
        op(ld, 0, 0, 0),                 # 3 nr
        op(jge, 0, 1, x32_bit),          # 4 x32 ABI
        op(ret, 0, 0, enosys),           # 5
        op(jeq, 0, 1, nr_clone3),        # 6 clone3 keeps its flags in memory: make libc fall back to clone
        op(ret, 0, 0, enosys),           # 7
        op(jeq, 1, 0, nr_unshare),       # 8
        op(jeq, 0, 3, nr_clone),         # 9
        op(ld, 0, 0, 16),                # 10 args[0], low 32 bits
        op(jset, 0, 1, newuser),         # 11
        op(ret, 0, 0, eperm),            # 12
        op(ret, 0, 0, allow),            # 13
    ]  # fmt: skip

    class Fprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    buf = ctypes.create_string_buffer(b"".join(prog))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        return False
    return libc.prctl(22, 2, ctypes.byref(Fprog(len(prog), ctypes.addressof(buf))), 0, 0) == 0  # PR_SET_SECCOMP
