using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// Sends bytes exactly as given over a fresh TCP connection and reads one HTTP/1.x response. The conformance tests
/// send malformed requests on purpose (spaces before the method, bare LF, missing versions), so nothing here may
/// normalise the request the way HttpClient would. The body is framed by Content-Length, chunked encoding or the
/// server closing the connection; a response that never starts, or that is not HTTP, is an error, as in go-ftw.
/// </summary>
internal static class RawHttpClient
{
    private const int MaxResponseBytes = 64 * 1024 * 1024;

    /// <summary>Sends <paramref name="request"/> and reads the answer; <paramref name="noBody"/> for HEAD (headers only).</summary>
    public static async Task<RawHttpExchange> SendAsync(IPEndPoint endpoint, ReadOnlyMemory<byte> request, bool noBody, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            return RawHttpExchange.Failed($"cannot connect to {endpoint}: {ex.SocketErrorCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RawHttpExchange.Failed($"cannot connect to {endpoint}: timed out after {timeout.TotalSeconds:0.#} s");
        }

        try
        {
            await socket.SendAsync(request, SocketFlags.None, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The server may answer (400, 413) and close before reading everything; the answer is what counts.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Same: a server that stopped reading may still have answered.
        }

        var received = new ArrayBufferWriter<byte>(4096);
        var reader = new ResponseReader(noBody);
        try
        {
            while (!reader.IsComplete(received.WrittenSpan))
            {
                if (received.WrittenCount > MaxResponseBytes)
                {
                    return RawHttpExchange.Failed($"response larger than {MaxResponseBytes} bytes");
                }

                var read = await socket.ReceiveAsync(received.GetMemory(16 * 1024), SocketFlags.None, timeoutSource.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    reader.ConnectionClosed = true;
                    break;
                }

                received.Advance(read);
            }
        }
        catch (SocketException ex)
        {
            reader.ConnectionClosed = true;
            if (received.WrittenCount == 0)
            {
                return RawHttpExchange.Failed($"connection {ex.SocketErrorCode} before a response");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (!reader.HeadersComplete)
            {
                return RawHttpExchange.Failed($"no complete response within {timeout.TotalSeconds:0.#} s ({received.WrittenCount} bytes received)");
            }
        }

        return reader.Finish(received.WrittenSpan.ToArray());
    }

    /// <summary>Tracks where the status line, headers and body end in the bytes received so far.</summary>
    private sealed class ResponseReader(bool noBody)
    {
        private int _headerStart;
        private int _headerEnd = -1;
        private int _bodyStart;
        private long _contentLength = -1;
        private bool _chunked;
        private bool _bodyless;

        public bool ConnectionClosed { get; set; }

        public bool HeadersComplete => _headerEnd >= 0;

        public bool IsComplete(ReadOnlySpan<byte> data)
        {
            if (_headerEnd < 0 && !TryFindHeaders(data))
            {
                return false;
            }

            if (_bodyless)
            {
                return true;
            }

            if (_chunked)
            {
                return ChunkedBodyEnd(data[_bodyStart..]) >= 0;
            }

            return _contentLength >= 0 && data.Length - _bodyStart >= _contentLength;
        }

        public RawHttpExchange Finish(byte[] raw)
        {
            if (raw.Length == 0)
            {
                return RawHttpExchange.Failed("connection closed before a response (EOF)");
            }

            if (_headerEnd < 0 && !TryFindHeaders(raw))
            {
                return RawHttpExchange.Failed($"malformed HTTP response: no complete header section in {raw.Length} bytes ({Preview(raw)})");
            }

            var head = Encoding.Latin1.GetString(raw, _headerStart, _headerEnd - _headerStart);
            var lines = head.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            var status = lines[0].Split(' ', 3);
            if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal)
                || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) || status[1].Length != 3)
            {
                return RawHttpExchange.Failed($"malformed HTTP response: status line '{Preview(raw)}'");
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            var body = raw.AsSpan(Math.Min(_bodyStart, raw.Length));
            byte[] content;
            if (_bodyless)
            {
                content = [];
            }
            else if (_chunked)
            {
                content = DecodeChunks(body);
            }
            else
            {
                content = (_contentLength >= 0 ? body[..(int)Math.Min(_contentLength, body.Length)] : body).ToArray();
            }

            return new RawHttpExchange(new RawHttpResponse(status[0], code, status.Length > 2 ? status[2] : "", headers, content, raw), null);
        }

        private bool TryFindHeaders(ReadOnlySpan<byte> data)
        {
            while (true)
            {
                var (end, start) = FindBlankLine(data, _bodyStart);
                if (end < 0)
                {
                    return false;
                }

                var head = Encoding.Latin1.GetString(data[_bodyStart..end]);
                var code = ParseStatus(head);

                // An interim 1xx (100 Continue) precedes the real response; 101 switches protocols and is final.
                if (code is >= 100 and < 200 and not 101)
                {
                    _bodyStart = start;
                    continue;
                }

                _headerStart = _bodyStart;
                _headerEnd = end;
                _bodyStart = start;
                _bodyless = noBody || code is (>= 100 and < 200) or 204 or 304;
                foreach (var line in head.Split('\n'))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                    {
                        continue;
                    }

                    var name = line[..colon].Trim();
                    var value = line[(colon + 1)..].Trim();
                    if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                    {
                        _chunked = true;
                    }
                    else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                    {
                        _contentLength = length;
                    }
                }

                return true;
            }
        }

        private static int ParseStatus(string head)
        {
            var parts = head.Split(' ', 3);
            return parts.Length > 1 && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
        }

        /// <summary>The end of the header section (index of the blank line) and where the body starts; LF-only tolerated.</summary>
        private static (int End, int BodyStart) FindBlankLine(ReadOnlySpan<byte> data, int from)
        {
            for (var i = from; i < data.Length; i++)
            {
                if (data[i] != (byte)'\n')
                {
                    continue;
                }

                if (i + 1 < data.Length && data[i + 1] == (byte)'\n')
                {
                    return (i + 1, i + 2);
                }

                if (i + 2 < data.Length && data[i + 1] == (byte)'\r' && data[i + 2] == (byte)'\n')
                {
                    return (i + 1, i + 3);
                }
            }

            return (-1, -1);
        }

        /// <summary>Where a complete chunked body ends (after the last chunk and trailers), or -1 while incomplete.</summary>
        private static int ChunkedBodyEnd(ReadOnlySpan<byte> body)
        {
            var position = 0;
            while (true)
            {
                var lineEnd = body[position..].IndexOf((byte)'\n');
                if (lineEnd < 0)
                {
                    return -1;
                }

                var sizeText = Encoding.Latin1.GetString(body.Slice(position, lineEnd)).Split(';')[0].Trim();
                if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                {
                    return body.Length; // garbage: stop reading, Finish keeps what arrived
                }

                position += lineEnd + 1;
                if (size == 0)
                {
                    // Trailers end with an empty line.
                    while (true)
                    {
                        var trailerEnd = body[position..].IndexOf((byte)'\n');
                        if (trailerEnd < 0)
                        {
                            return -1;
                        }

                        var empty = trailerEnd == 0 || (trailerEnd == 1 && body[position] == (byte)'\r');
                        position += trailerEnd + 1;
                        if (empty)
                        {
                            return position;
                        }
                    }
                }

                if (body.Length - position < size + 1)
                {
                    return -1;
                }

                position += (int)size;
                var crlf = body[position..].IndexOf((byte)'\n');
                if (crlf < 0)
                {
                    return -1;
                }

                position += crlf + 1;
            }
        }

        private static byte[] DecodeChunks(ReadOnlySpan<byte> body)
        {
            var content = new ArrayBufferWriter<byte>(Math.Max(16, body.Length));
            var position = 0;
            while (position < body.Length)
            {
                var lineEnd = body[position..].IndexOf((byte)'\n');
                if (lineEnd < 0)
                {
                    break;
                }

                var sizeText = Encoding.Latin1.GetString(body.Slice(position, lineEnd)).Split(';')[0].Trim();
                if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size <= 0)
                {
                    break;
                }

                position += lineEnd + 1;
                var take = (int)Math.Min(size, body.Length - position);
                content.Write(body.Slice(position, take));
                position += take;
                var crlf = body[position..].IndexOf((byte)'\n');
                position = crlf < 0 ? body.Length : position + crlf + 1;
            }

            return content.WrittenSpan.ToArray();
        }

        private static string Preview(byte[] raw) =>
            Encoding.Latin1.GetString(raw, 0, Math.Min(raw.Length, 60)).ReplaceLineEndings("\\n");
    }
}
