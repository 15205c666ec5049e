using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Palisade.Waf.Hosting;

/// <summary>
/// Stands in for the server's response body while the backend runs: everything written (through Stream, Writer or
/// SendFile) lands in <see cref="Buffer"/>, and starting or completing the response sends nothing, so the WAF can
/// still refuse the response in phases 3 and 4 before a byte reaches the client.
/// </summary>
internal sealed class BufferedResponseBodyFeature(PooledBufferStream buffer) : IHttpResponseBodyFeature
{
    private PipeWriter? _writer;

    public PooledBufferStream Buffer { get; } = buffer;

    public Stream Stream => Buffer;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(Buffer, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(Buffer, path, offset, count, cancellationToken);

    /// <summary>Flushes what the backend left in <see cref="Writer"/> into <see cref="Buffer"/>.</summary>
    public async Task CompleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
    }
}
