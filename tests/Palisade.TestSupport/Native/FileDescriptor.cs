using System.Runtime.InteropServices;

namespace Palisade.TestSupport.Native;

/// <summary>
/// A raw file descriptor owned by a SafeHandle, so a socket or namespace handle is closed exactly once even when a
/// test forgets to dispose it (finalizer) or disposes it twice. fd 0 is valid, so only -1 counts as invalid.
/// </summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    public int Value => (int)handle;

    public static FileDescriptor OpenReadOnly(string path)
    {
        var fd = LibC.Open(path, LibC.OpenReadOnly | LibC.OpenCloseOnExec);
        return fd < 0 ? throw LibC.Error($"open({path})") : new FileDescriptor(fd);
    }

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
