using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:normalizePath and t:normalizePathWin (libmodsecurity v3 normalise_path.cc, normalize_path_inplace): collapses
/// repeated slashes, removes "./" self references and resolves "../" back references without climbing above the root
/// (a relative path keeps the back references it cannot resolve), and keeps a trailing slash only when the input had
/// one. The Windows form first turns every backslash into a slash.
/// </summary>
/// <remarks>The state machine below is a port of ModSecurity's pointer algorithm, kept step for step because CRS
/// regression tests depend on its exact output for odd inputs.</remarks>
internal sealed class NormalizePathTransformation : Transformation
{
    private readonly bool _windows;

    public NormalizePathTransformation(bool windows)
        : base(windows ? TransformationName.NormalizePathWin : TransformationName.NormalizePath)
    {
        _windows = windows;
    }

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        if (input.IsEmpty || !MightChange(input))
        {
            return false;
        }

        var buffer = destination[..input.Length];
        input.CopyTo(buffer);
        written = Normalize(buffer, _windows);
        return !buffer[..written].SequenceEqual(input);
    }

    // Every change the algorithm makes starts from a dot, a doubled slash or (Windows) a backslash.
    private bool MightChange(ReadOnlySpan<char> input) =>
        input.Contains('.') || input.IndexOf("//") >= 0 || (_windows && input.Contains('\\'));

    private static int Normalize(Span<char> buffer, bool windows)
    {
        var end = buffer.Length - 1;
        var src = 0;
        var dst = 0;
        var hitRoot = false;
        var done = false;
        var relative = !(buffer[0] == '/' || (windows && buffer[0] == '\\'));
        var trailing = buffer[end] == '/' || (windows && buffer[end] == '\\');

        while (!done && src <= end && dst <= end)
        {
            if (windows)
            {
                if (buffer[src] == '\\')
                {
                    buffer[src] = '/';
                }

                if (src < end && buffer[src + 1] == '\\')
                {
                    buffer[src + 1] = '/';
                }
            }

            var normalizeSegment = false;
            if (src == end)
            {
                done = true;
                normalizeSegment = true;
            }
            else if (buffer[src + 1] == '/')
            {
                normalizeSegment = true;
            }

            if (normalizeSegment && !(src != end && buffer[src] == '/'))
            {
                if (buffer[src] == '.')
                {
                    if (dst > 0 && buffer[dst - 1] == '.')
                    {
                        // A back reference ("..").
                        if (!(relative && (hitRoot || dst - 2 <= 0)))
                        {
                            dst -= 3;
                            while (dst > 0 && buffer[dst] != '/')
                            {
                                dst--;
                            }

                            if (dst <= 0)
                            {
                                hitRoot = true;
                                dst = 0;
                                if (!relative && src == end)
                                {
                                    dst++;
                                }
                            }

                            if (done)
                            {
                                continue;
                            }

                            src++;
                        }
                        else
                        {
                            hitRoot = true;
                        }
                    }
                    else if (dst == 0)
                    {
                        // A relative self reference at the start.
                        if (done)
                        {
                            continue;
                        }

                        src++;
                    }
                    else if (buffer[dst - 1] == '/')
                    {
                        // A self reference ("./").
                        if (done)
                        {
                            continue;
                        }

                        dst--;
                        src++;
                    }
                }
                else if (dst > 0)
                {
                    hitRoot = false;
                }
            }

            // Copy the byte, collapsing a run of slashes to its last one.
            if (buffer[src] == '/')
            {
                while (src < end && (buffer[src + 1] == '/' || (windows && buffer[src + 1] == '\\')))
                {
                    src++;
                }

                if (relative && dst == 0)
                {
                    src++;
                    continue;
                }
            }

            buffer[dst++] = buffer[src++];
        }

        if (!trailing && dst > 0 && buffer[dst - 1] == '/')
        {
            dst--;
        }

        return dst;
    }
}
