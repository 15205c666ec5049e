using System.Runtime.ExceptionServices;

namespace Palisade.TestSupport.Native;

/// <summary>
/// Runs a delegate inside a network namespace on a brand-new thread.
/// </summary>
/// <remarks>
/// setns(CLONE_NEWNET) changes the namespace of the calling OS thread only. A socket, once created, keeps the
/// namespace it was created in for its whole life, whatever thread later uses it; so it is enough to be inside the
/// namespace for the socket() call itself. We never switch a thread-pool thread: if restoring failed, or if an
/// exception escaped between the two setns calls, an arbitrary later work item would silently run in the test
/// namespace. A dedicated thread that ends right after the delegate makes that impossible; restoring its original
/// namespace before it ends is only belt and braces. The delegate must be synchronous: an await would continue on
/// the thread pool, outside the namespace.
/// </remarks>
internal static class NamespaceThread
{
    /// <summary>Where iproute2 keeps named namespaces (bind mounts of nsfs files).</summary>
    public const string NetnsDirectory = "/var/run/netns";

    public static T Run<T>(string namespaceName, Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = RunInside(namespaceName, action);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = "netns " + namespaceName,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Same as <see cref="Run{T}"/> without blocking the caller: the task completes when the thread ends.</summary>
    public static Task<T> RunAsync<T>(string namespaceName, Func<T> action)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(RunInside(namespaceName, action));
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "netns " + namespaceName,
        };
        thread.Start();
        return completion.Task;
    }

    /// <summary>
    /// The calling thread's network namespace as the kernel names it ("net:[4026531840]"): two threads are in the same
    /// namespace exactly when these strings are equal.
    /// </summary>
    public static string CurrentNamespaceId() => ReadLink("/proc/thread-self/ns/net");

    /// <summary>The identity of a named namespace, comparable with <see cref="CurrentNamespaceId"/>.</summary>
    /// <remarks>
    /// Read from inside: readlink on an fd of /var/run/netns/NAME yields that path (it is a bind mount), not
    /// "net:[inode]", and .NET has no portable fstat to get the inode.
    /// </remarks>
    public static string NamespaceId(string namespaceName) => Run(namespaceName, CurrentNamespaceId);

    private static T RunInside<T>(string namespaceName, Func<T> action)
    {
        // Open both before switching: after setns, /var/run/netns still resolves (it is the mount namespace), but the
        // original namespace could no longer be named.
        using var original = FileDescriptor.OpenReadOnly("/proc/thread-self/ns/net");
        using var target = FileDescriptor.OpenReadOnly(Path.Combine(NetnsDirectory, namespaceName));
        if (LibC.SetNs(target.Value, LibC.CloneNewNet) != 0)
        {
            throw LibC.Error($"setns({namespaceName})");
        }

        try
        {
            return action();
        }
        finally
        {
            // Failure here is harmless: this thread runs nothing else and ends right after.
            _ = LibC.SetNs(original.Value, LibC.CloneNewNet);
        }
    }

    private static string ReadLink(string path) =>
        new FileInfo(path).LinkTarget ?? throw new IOException($"{path} is not a link");
}
