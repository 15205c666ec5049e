using System.Buffers;

namespace Palisade.Waf.Hosting;

/// <summary>
/// A write-only, growable in-memory stream on <see cref="ArrayPool{T}"/>: the response body is held here until
/// the WAF has inspected it. Dispose returns the buffer.
/// </summary>
internal sealed class PooledBufferStream : Stream
{
    private byte[] _buffer = [];
    private int _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        var needed = checked(_length + buffer.Length);
        if (needed > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(Array.MaxLength, Math.Max(4096, _buffer.Length * 2))));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ReturnBuffer();
            _buffer = bigger;
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length = needed;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value)
    {
        // HttpResponse.Clear() truncates a seekable body; allow emptying so a backend can start over.
        if (value != 0)
        {
            throw new NotSupportedException();
        }

        _length = 0;
    }

    protected override void Dispose(bool disposing)
    {
        ReturnBuffer();
        _buffer = [];
        _length = 0;
        base.Dispose(disposing);
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
