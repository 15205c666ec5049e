using System.Security.Cryptography;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:sha1: the 20-byte SHA-1 digest.</summary>
internal sealed class Sha1Transformation() : HashTransformation(TransformationName.Sha1, SHA1.HashSizeInBytes)
{
#pragma warning disable CA5350
    private protected override void Hash(ReadOnlySpan<byte> bytes, Span<byte> digest) => SHA1.HashData(bytes, digest);
#pragma warning restore CA5350
}
