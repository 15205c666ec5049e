using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// One t:… transformation with ModSecurity v3 semantics, resolved once from its name and shared by every rule
/// (instances are immutable singletons and thread-safe). Values are byte strings (see <see cref="ByteText"/>).
/// Applying one allocates nothing when the value does not change; use <see cref="TransformationPipeline"/> for a
/// rule's whole t: list.
/// </summary>
public abstract class Transformation
{
    private static readonly Transformation[] ByName = CreateAll();

    private protected Transformation(TransformationName name)
    {
        Name = name;
    }

    public TransformationName Name { get; }

    /// <summary>The name as CRS writes it, e.g. "urlDecodeUni".</summary>
    public string CanonicalName => TransformationCatalog.NameOf(Name);

    /// <summary>The shared instance for a transformation; <see cref="TransformationName.None"/> is the identity.</summary>
    public static Transformation Get(TransformationName name)
    {
        if ((uint)name >= (uint)ByName.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "Not a transformation.");
        }

        return ByName[(int)name];
    }

    /// <summary>Resolves a name as written after t: (any case, British spellings too).</summary>
    public static bool TryResolve(string name, [NotNullWhen(true)] out Transformation? transformation)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TransformationCatalog.TryParse(name, out var parsed))
        {
            transformation = Get(parsed);
            return true;
        }

        transformation = null;
        return false;
    }

    /// <summary>Resolves a name or throws an <see cref="ArgumentException"/> that lists the accepted names.</summary>
    public static Transformation Resolve(string name) =>
        TryResolve(name, out var transformation)
            ? transformation
            : throw new ArgumentException(
                $"Unknown transformation 't:{name}'. Accepted: {string.Join(", ", TransformationCatalog.AllNames)}.", nameof(name));

    /// <summary>
    /// Transforms <paramref name="input"/>. Returns false and hands back the same instance when nothing changed.
    /// </summary>
    public bool TryApply(string input, out string output)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (TryApply(input.AsSpan(), out var transformed))
        {
            output = transformed;
            return true;
        }

        output = input;
        return false;
    }

    /// <summary>Transforms a span; <paramref name="output"/> is null (nothing allocated) when nothing changed.</summary>
    public bool TryApply(ReadOnlySpan<char> input, [NotNullWhen(true)] out string? output)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(16, MaxOutputLength(input.Length)));
        try
        {
            if (Transform(input, buffer, out var written))
            {
                output = new string(buffer, 0, written);
                return true;
            }

            output = null;
            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The transformed value (the same instance when nothing changed).</summary>
    public string Apply(string input)
    {
        TryApply(input, out var output);
        return output;
    }

    public override string ToString() => "t:" + CanonicalName;

    /// <summary>The most characters <see cref="Transform"/> can write for an input of that length.</summary>
    internal virtual int MaxOutputLength(int inputLength) => inputLength;

    /// <summary>
    /// Writes the transformed value to <paramref name="destination"/> (at least <see cref="MaxOutputLength"/> long)
    /// and returns true, or returns false, possibly without writing anything, when the value would not change.
    /// </summary>
    internal abstract bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written);

    private static Transformation[] CreateAll()
    {
        Transformation[] all =
        [
            new NoneTransformation(),
            new Base64DecodeTransformation(),
            new Base64DecodeExtTransformation(),
            new Base64EncodeTransformation(),
            new CmdLineTransformation(),
            new CompressWhitespaceTransformation(),
            new CssDecodeTransformation(),
            new EscapeSeqDecodeTransformation(),
            new HexDecodeTransformation(),
            new HexEncodeTransformation(),
            new HtmlEntityDecodeTransformation(),
            new JsDecodeTransformation(),
            new LengthTransformation(),
            new LowercaseTransformation(),
            new Md5Transformation(),
            new NormalizePathTransformation(windows: false),
            new NormalizePathTransformation(windows: true),
            new RemoveCommentsTransformation(),
            new RemoveCommentsCharTransformation(),
            new RemoveNullsTransformation(),
            new RemoveWhitespaceTransformation(),
            new ReplaceCommentsTransformation(),
            new ReplaceNullsTransformation(),
            new Sha1Transformation(),
            new SqlHexDecodeTransformation(),
            new TrimTransformation(TrimTransformation.Sides.Both),
            new TrimTransformation(TrimTransformation.Sides.Left),
            new TrimTransformation(TrimTransformation.Sides.Right),
            new UppercaseTransformation(),
            new UrlDecodeTransformation(),
            new UrlDecodeUniTransformation(),
            new UrlEncodeTransformation(),
            new Utf8ToUnicodeTransformation(),
        ];

        var byName = new Transformation[Enum.GetValues<TransformationName>().Length];
        foreach (var transformation in all)
        {
            byName[(int)transformation.Name] = transformation;
        }

        foreach (var name in Enum.GetValues<TransformationName>())
        {
            if (byName[(int)name] is null)
            {
                throw new InvalidOperationException($"Transformation {name} has no implementation.");
            }
        }

        return byName;
    }
}
