using System.Security.Cryptography;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:md5: the 16-byte MD5 digest.</summary>
internal sealed class Md5Transformation() : HashTransformation(TransformationName.Md5, MD5.HashSizeInBytes)
{
    // MD5 is what the rule asks for (fingerprinting values), not a security decision.
#pragma warning disable CA5351
    private protected override void Hash(ReadOnlySpan<byte> bytes, Span<byte> digest) => MD5.HashData(bytes, digest);
#pragma warning restore CA5351
}
