using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The JSON body processor: a streaming pass with <see cref="Utf8JsonReader"/> (no document is built) that names every
/// scalar the way ModSecurity v3's yajl-based JSON processor does (owasp-modsecurity/ModSecurity,
/// src/request_body_processor/json.cc and json.h):
/// <list type="bullet">
/// <item>the top-level container is called "json"; an object member appends ".key", so {"a":{"b":1}} gives
/// json.a.b;</item>
/// <item>an array element appends ".array_N" to the array's own name (N counts from 0), so {"a":[1,2]} gives
/// json.a.array_0 and json.a.array_1, [1] gives json.array_0, and [[1]] gives json.array_0.array_0;</item>
/// <item>an empty object key is written "empty-key"; a lone top-level scalar is called "json";</item>
/// <item>strings are unescaped, numbers keep their text as written, true and false are "true" and "false", and null is
/// the empty string; empty objects and arrays add nothing.</item>
/// </list>
/// Nesting deeper than <see cref="BodyLimits.JsonDepthLimit"/>, invalid JSON (including invalid UTF-8, trailing data
/// and a body of only whitespace) and more arguments than SecArgumentsLimit allows end the parse with REQBODY_ERROR;
/// the arguments found before stay. An empty body is no error, as in ModSecurity.
/// </summary>
internal static class JsonBodyProcessor
{
    internal const string ErrorPrefix = "JSON parsing error: ";

    public static void Process(ReadOnlySpan<byte> body, BodyLimits limits, int argumentBudget, RequestBodyResult result)
    {
        if (body.IsEmpty)
        {
            return;
        }

        var walker = new Walker(limits, argumentBudget, result);
        try
        {
            walker.Walk(body);
        }
        catch (JsonException exception)
        {
            result.SetError(ErrorPrefix + exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader reports some malformed escapes (lone surrogates) this way.
            result.SetError(ErrorPrefix + exception.Message);
        }
        finally
        {
            walker.Dispose();
        }
    }

    /// <summary>Per-call state; buffers come from the shared pools and go back in <see cref="Dispose"/>.</summary>
    private sealed class Walker : IDisposable
    {
        private readonly BodyLimits _limits;
        private readonly int _argumentBudget;
        private readonly RequestBodyResult _result;
        private Container[] _containers = ArrayPool<Container>.Shared.Rent(16);
        private byte[] _path = ArrayPool<byte>.Shared.Rent(256);
        private byte[] _key = ArrayPool<byte>.Shared.Rent(64);
        private byte[] _scratch = ArrayPool<byte>.Shared.Rent(256);
        private int _depth;
        private int _pathLength;
        private int _keyLength;
        private bool _hasKey;
        private int _added;

        public Walker(BodyLimits limits, int argumentBudget, RequestBodyResult result)
        {
            _limits = limits;
            _argumentBudget = argumentBudget;
            _result = result;
        }

        public void Walk(ReadOnlySpan<byte> body)
        {
            var options = new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,

                // Our own check below reports the limit in ModSecurity's words; the reader only guards the far edge.
                MaxDepth = _limits.JsonDepthLimit < int.MaxValue ? _limits.JsonDepthLimit + 1 : int.MaxValue,
            };
            var reader = new Utf8JsonReader(body, isFinalBlock: true, new JsonReaderState(options));
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (!ReadKey(ref reader))
                        {
                            return;
                        }

                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (!Open(reader.TokenType == JsonTokenType.StartArray))
                        {
                            return;
                        }

                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        Close();
                        break;
                    case JsonTokenType.String:
                        if (!AddString(ref reader))
                        {
                            return;
                        }

                        break;
                    case JsonTokenType.Number:
                        if (!Add(reader.ValueSpan))
                        {
                            return;
                        }

                        break;
                    case JsonTokenType.True:
                        if (!Add("true"u8))
                        {
                            return;
                        }

                        break;
                    case JsonTokenType.False:
                        if (!Add("false"u8))
                        {
                            return;
                        }

                        break;
                    case JsonTokenType.Null:
                        if (!Add([]))
                        {
                            return;
                        }

                        break;
                }
            }
        }

        public void Dispose()
        {
            ArrayPool<Container>.Shared.Return(_containers);
            ArrayPool<byte>.Shared.Return(_path);
            ArrayPool<byte>.Shared.Return(_key);
            ArrayPool<byte>.Shared.Return(_scratch);
        }

        private bool ReadKey(ref Utf8JsonReader reader)
        {
            var key = Unescape(ref reader, ref _key);
            if (!Utf8.IsValid(key))
            {
                return Fail("invalid bytes in UTF8 string.");
            }

            if (!reader.ValueIsEscaped)
            {
                if (_key.Length < key.Length)
                {
                    Grow(ref _key, key.Length);
                }

                key.CopyTo(_key);
            }

            _keyLength = key.Length;
            _hasKey = true;
            return true;
        }

        private bool AddString(ref Utf8JsonReader reader)
        {
            var value = Unescape(ref reader, ref _scratch);
            return Utf8.IsValid(value) ? Add(value) : Fail("invalid bytes in UTF8 string.");
        }

        /// <summary>A new object or array; its name is the pending key, as ModSecurity's getCurrentKey gives it.</summary>
        private bool Open(bool isArray)
        {
            if (_depth >= _limits.JsonDepthLimit)
            {
                return Fail("JSON depth limit exceeded");
            }

            if (_depth == 0)
            {
                _pathLength = 0;
                Append("json"u8);
            }
            else
            {
                WriteParentPrefix();
                AppendCurrentKey();
            }

            if (_depth == _containers.Length)
            {
                Grow(ref _containers, _depth + 1);
            }

            _containers[_depth++] = new Container(_pathLength, isArray);
            return true;
        }

        private void Close()
        {
            _depth--;
            if (_depth > 0 && _containers[_depth - 1].IsArray)
            {
                _containers[_depth - 1].Count++;
            }
        }

        /// <summary>Adds one argument: the current path (plus the pending key inside an object) and the value.</summary>
        private bool Add(ReadOnlySpan<byte> value)
        {
            if (_added >= _argumentBudget)
            {
                _result.ArgumentsLimitExceeded = true;
                return Fail("more arguments than SecArgumentsLimit allows ("
                    + _limits.ArgumentsLimit.ToString(CultureInfo.InvariantCulture) + ").");
            }

            if (_depth == 0)
            {
                _pathLength = 0;
                Append("json"u8);
            }
            else
            {
                WriteParentPrefix();
                if (_containers[_depth - 1].IsArray)
                {
                    _containers[_depth - 1].Count++;
                }
                else
                {
                    AppendCurrentKey();
                }
            }

            var encoding = _limits.TextEncoding;
            _result.AddArgument(
                ByteStrings.FromBytes(_path.AsSpan(0, _pathLength), encoding),
                ByteStrings.FromBytes(value, encoding));
            _added++;
            return true;
        }

        /// <summary>Rewrites the end of the path for the innermost container: "." for an object, ".array_N" for an array.</summary>
        private void WriteParentPrefix()
        {
            var parent = _containers[_depth - 1];
            _pathLength = parent.NameEnd;
            if (parent.IsArray)
            {
                Append(".array_"u8);
                Span<byte> digits = stackalloc byte[11];
                parent.Count.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
                Append(digits[..written]);
            }
            else
            {
                Append("."u8);
            }
        }

        /// <summary>
        /// The pending object key, consumed; with none, nothing inside an array and "empty-key" inside an object (a
        /// present but empty key reads the same).
        /// </summary>
        private void AppendCurrentKey()
        {
            if (_hasKey && _keyLength > 0)
            {
                Append(_key.AsSpan(0, _keyLength));
            }
            else if (!_containers[_depth - 1].IsArray)
            {
                Append("empty-key"u8);
            }

            _hasKey = false;
            _keyLength = 0;
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            if (_pathLength + bytes.Length > _path.Length)
            {
                Grow(ref _path, _pathLength + bytes.Length);
            }

            bytes.CopyTo(_path.AsSpan(_pathLength));
            _pathLength += bytes.Length;
        }

        private static ReadOnlySpan<byte> Unescape(ref Utf8JsonReader reader, ref byte[] buffer)
        {
            if (!reader.ValueIsEscaped)
            {
                return reader.ValueSpan;
            }

            if (buffer.Length < reader.ValueSpan.Length)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
            }

            var written = reader.CopyString(buffer);
            return buffer.AsSpan(0, written);
        }

        private bool Fail(string message)
        {
            _result.SetError(ErrorPrefix + message);
            return false;
        }

        private static void Grow<T>(ref T[] array, int needed)
        {
            var larger = ArrayPool<T>.Shared.Rent(Math.Max(needed, array.Length * 2));
            array.AsSpan().CopyTo(larger);
            ArrayPool<T>.Shared.Return(array);
            array = larger;
        }
    }

    /// <summary>An open object or array: where its name ends in the path, and (arrays) how many elements came so far.</summary>
    private struct Container(int nameEnd, bool isArray)
    {
        public int NameEnd = nameEnd;
        public bool IsArray = isArray;
        public int Count;
    }
}
