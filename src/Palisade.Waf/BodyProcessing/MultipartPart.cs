namespace Palisade.Waf.BodyProcessing;

/// <summary>The part being parsed; one instance is reset and reused for every part of a body.</summary>
internal sealed class MultipartPart
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public bool InHeaders { get; set; } = true;

    public string? Name { get; set; }

    public string? FileName { get; set; }

    public bool IsFile { get; set; }

    /// <summary>The header a folded line continues; empty when none may be continued.</summary>
    public string LastHeaderName { get; set; } = string.Empty;

    /// <summary>Raw header lines without their line ending (MULTIPART_PART_HEADERS), as Latin-1 byte strings.</summary>
    public List<string> RawHeaderLines { get; } = [];

    /// <summary>Offset of the first data byte in the body, or -1 before any data.</summary>
    public int DataStart { get; set; } = -1;

    /// <summary>Offset just past the last data byte (the line ending before the next boundary excluded).</summary>
    public int DataEnd { get; set; }

    public int DataLength => DataStart < 0 ? 0 : DataEnd - DataStart;

    public void Reset()
    {
        _headers.Clear();
        RawHeaderLines.Clear();
        InHeaders = true;
        Name = null;
        FileName = null;
        IsFile = false;
        LastHeaderName = string.Empty;
        DataStart = -1;
        DataEnd = 0;
    }

    /// <summary>Part header names compare without case, as ModSecurity's header map does.</summary>
    public int FindHeader(string name)
    {
        for (var i = 0; i < _headers.Count; i++)
        {
            if (string.Equals(_headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public string HeaderValue(int index) => _headers[index].Value;

    public void AddHeader(string name, string value) => _headers.Add(new KeyValuePair<string, string>(name, value));

    public void SetHeaderValue(int index, string value) => _headers[index] = new KeyValuePair<string, string>(_headers[index].Key, value);
}
