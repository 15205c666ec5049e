namespace Palisade.Agent.State;

/// <summary>
/// Replaces a file so that readers (and the agent after a crash or power loss) see either the old content or the
/// new one, never a mix: write a temporary file beside it, flush it to disk, then rename it over the target.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Temporary files carry this suffix; a crash can leave one behind, and <see cref="RemoveLeftovers"/> cleans them.</summary>
    public const string TemporarySuffix = ".tmp";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes through <paramref name="write"/>; if it throws, the target keeps its old content and the temporary file is removed.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        // The rename is durable once the directory entry is on disk too.
        DirectorySync.TryFlush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Deletes temporary files a crash left in <paramref name="directory"/>; returns how many.</summary>
    public static int RemoveLeftovers(string directory)
    {
        var removed = 0;
        foreach (var leftover in Directory.EnumerateFiles(directory, "*" + TemporarySuffix))
        {
            if (TryDelete(leftover))
            {
                removed++;
            }
        }

        return removed;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
