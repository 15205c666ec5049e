using System.Buffers;
using System.Text;

namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// A request body parsed as XML, held compactly for XML:… targets: elements in document order with their parent, the
/// extent of their subtree and of their text in one shared text buffer, plus attributes and text nodes. Values follow
/// libxml2's xmlNodeGetContent as ModSecurity uses it (owasp-modsecurity/ModSecurity, src/variables/xml.cc): an
/// element's value is all text and CDATA below it, joined; an attribute's value is its (entity-decoded) value.
/// A document that failed to parse keeps what was read before the error, as libxml2's partial tree does.
/// Immutable once built; safe to read from many threads.
/// </summary>
internal sealed class XmlBodyDocument
{
    private readonly List<ElementEntry> _elements = [];
    private readonly List<AttributeEntry> _attributes = [];
    private readonly List<TextEntry> _texts = [];
    private readonly List<int> _open = [];
    private readonly StringBuilder _textBuilder = new();
    private string _text = string.Empty;
    private string? _documentElementText;

    /// <summary>Whether the whole body parsed; false for the partial tree of a malformed body.</summary>
    public bool IsWellFormed { get; private set; }

    public int ElementCount => _elements.Count;

    public int AttributeCount => _attributes.Count;

    /// <summary>Every text node joined in document order (the text content of the document element).</summary>
    public string TextContent => _text;

    /// <summary>Adds the values <paramref name="path"/> selects to <paramref name="values"/>, in document order.</summary>
    public void Select(XmlPath path, List<string> values)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(values);
        if (_elements.Count == 0)
        {
            return;
        }

        if (path.IsDocumentElement)
        {
            values.Add(_documentElementText ??= ElementText(0));
            return;
        }

        if (path.IsAllAttributes)
        {
            foreach (var attribute in _attributes)
            {
                values.Add(attribute.Value);
            }

            return;
        }

        SelectGeneral(path, values);
    }

    private void SelectGeneral(XmlPath path, List<string> values)
    {
        var count = _elements.Count;
        var marked = ArrayPool<bool>.Shared.Rent(count);
        var next = ArrayPool<bool>.Shared.Rent(count);
        var below = ArrayPool<bool>.Shared.Rent(count);
        try
        {
            // The context starts as the document node, the parent of the document element.
            var documentMarked = true;
            Array.Clear(marked, 0, count);
            var steps = path.Steps;
            for (var s = 0; s < steps.Count; s++)
            {
                var step = steps[s];
                MarkBelow(marked, documentMarked, below, count);
                if (step.Kind != XmlPathNodeKind.Element)
                {
                    CollectLeaves(step, marked, below, values);
                    return;
                }

                for (var i = 0; i < count; i++)
                {
                    var element = _elements[i];
                    var inContext = step.Descendant
                        ? below[i]
                        : element.Parent < 0 ? documentMarked : marked[element.Parent];
                    next[i] = inContext && (step.Name is null || step.Name == element.Name);
                }

                (marked, next) = (next, marked);
                documentMarked = false;
            }

            for (var i = 0; i < count; i++)
            {
                if (marked[i])
                {
                    values.Add(ElementText(i));
                }
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(marked);
            ArrayPool<bool>.Shared.Return(next);
            ArrayPool<bool>.Shared.Return(below);
        }
    }

    /// <summary>below[i]: some proper ancestor of element i (or the document node) is in the context.</summary>
    private void MarkBelow(bool[] marked, bool documentMarked, bool[] below, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var parent = _elements[i].Parent;
            below[i] = parent < 0 ? documentMarked : marked[parent] || below[parent];
        }
    }

    /// <summary>Attributes or text nodes of the context elements ("/") or of them and all their descendants ("//").</summary>
    private void CollectLeaves(XmlPathStep step, bool[] marked, bool[] below, List<string> values)
    {
        bool Owns(int element) => marked[element] || (step.Descendant && below[element]);

        if (step.Kind == XmlPathNodeKind.Attribute)
        {
            foreach (var attribute in _attributes)
            {
                if (Owns(attribute.Element) && (step.Name is null || step.Name == attribute.Name))
                {
                    values.Add(attribute.Value);
                }
            }

            return;
        }

        foreach (var text in _texts)
        {
            if (Owns(text.Element))
            {
                values.Add(_text.Substring(text.Start, text.Length));
            }
        }
    }

    private string ElementText(int index)
    {
        var element = _elements[index];
        return element.TextStart == 0 && element.TextEnd == _text.Length
            ? _text
            : _text.Substring(element.TextStart, element.TextEnd - element.TextStart);
    }

    internal int Depth => _open.Count;

    internal void OpenElement(string name)
    {
        var parent = _open.Count == 0 ? -1 : _open[^1];
        _open.Add(_elements.Count);
        _elements.Add(new ElementEntry(name, parent, _textBuilder.Length));
    }

    internal void AddAttribute(string name, string value) => _attributes.Add(new AttributeEntry(_open[^1], name, value));

    internal void AddText(string text)
    {
        if (_open.Count == 0 || text.Length == 0)
        {
            return;
        }

        _texts.Add(new TextEntry(_open[^1], _textBuilder.Length, text.Length));
        _textBuilder.Append(text);
    }

    internal void CloseElement()
    {
        var index = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        _elements[index] = _elements[index] with { TextEnd = _textBuilder.Length };
    }

    /// <summary>Closes what a malformed body left open and freezes the document.</summary>
    internal void Complete(bool wellFormed)
    {
        while (_open.Count > 0)
        {
            CloseElement();
        }

        _text = _textBuilder.ToString();
        _textBuilder.Clear();
        IsWellFormed = wellFormed;
    }

    private readonly record struct ElementEntry(string Name, int Parent, int TextStart)
    {
        public int TextEnd { get; init; }
    }

    private readonly record struct AttributeEntry(int Element, string Name, string Value);

    private readonly record struct TextEntry(int Element, int Start, int Length);
}
