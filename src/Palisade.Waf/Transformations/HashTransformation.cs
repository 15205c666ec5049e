using System.Buffers;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:md5 and t:sha1 base: the raw binary digest of the value's bytes (not hex; chain t:hexEncode for that).</summary>
internal abstract class HashTransformation(TransformationName name, int digestLength) : Transformation(name)
{
    internal override int MaxOutputLength(int inputLength) => digestLength;

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        byte[]? rented = null;
        var bytes = input.Length <= 512 ? stackalloc byte[input.Length] : (rented = ArrayPool<byte>.Shared.Rent(input.Length)).AsSpan(0, input.Length);
        try
        {
            ByteText.CopyToBytes(input, bytes);
            Span<byte> digest = stackalloc byte[digestLength];
            Hash(bytes, digest);
            for (var i = 0; i < digestLength; i++)
            {
                destination[i] = (char)digest[i];
            }

            written = digestLength;
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private protected abstract void Hash(ReadOnlySpan<byte> bytes, Span<byte> digest);
}
