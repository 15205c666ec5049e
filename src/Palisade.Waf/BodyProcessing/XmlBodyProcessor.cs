using System.Buffers;
using System.Globalization;
using System.Xml;

namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The XML body processor: reads the body with <see cref="XmlReader"/> into an <see cref="XmlBodyDocument"/>. Safe for
/// hostile input: DTDs are refused (so no external entities, no entity expansion), no resolver is set, and nesting
/// deeper than <see cref="BodyLimits.XmlDepthLimit"/> stops the parse. Any parse failure, an empty body included, sets
/// REQBODY_ERROR with ModSecurity's message ("XML parsing error: XML: Failed parsing document.") followed by our
/// reason; the part of the document read before the error stays queryable, as libxml2's partial tree does in
/// ModSecurity.
/// </summary>
internal static class XmlBodyProcessor
{
    internal const string ErrorPrefix = "XML parsing error: XML: Failed parsing document.";

    public static void Process(ReadOnlySpan<byte> body, BodyLimits limits, RequestBodyResult result)
    {
        var document = new XmlBodyDocument();
        result.Xml = document;
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, body.Length));
        var wellFormed = false;
        try
        {
            body.CopyTo(rented);
            using var stream = new MemoryStream(rented, 0, body.Length, writable: false);
            using var reader = XmlReader.Create(stream, CreateSettings());
            wellFormed = Read(reader, document, limits, result);
        }
        catch (XmlException exception)
        {
            result.SetError(ErrorPrefix + " " + exception.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
            document.Complete(wellFormed);
        }
    }

    private static bool Read(XmlReader reader, XmlBodyDocument document, BodyLimits limits, RequestBodyResult result)
    {
        var encoding = limits.TextEncoding;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (document.Depth >= limits.XmlDepthLimit)
                    {
                        result.SetError(ErrorPrefix + " Elements nest deeper than "
                            + limits.XmlDepthLimit.ToString(CultureInfo.InvariantCulture) + " levels.");
                        return false;
                    }

                    document.OpenElement(reader.Name);
                    var isEmpty = reader.IsEmptyElement;
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            // Namespace declarations are not attributes in the XPath data model (nor in libxml2).
                            if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                            {
                                document.AddAttribute(reader.Name, ByteStrings.FromText(reader.Value, encoding));
                            }
                        }
                        while (reader.MoveToNextAttribute());

                        reader.MoveToElement();
                    }

                    if (isEmpty)
                    {
                        document.CloseElement();
                    }

                    break;
                case XmlNodeType.EndElement:
                    document.CloseElement();
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    document.AddText(ByteStrings.FromText(reader.Value, encoding));
                    break;
            }
        }

        return true;
    }

    /// <summary>A fresh settings object per body: XmlReaderSettings instances are not documented as thread-safe.</summary>
    private static XmlReaderSettings CreateSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CheckCharacters = true,
        CloseInput = false,
        ConformanceLevel = ConformanceLevel.Document,
        MaxCharactersFromEntities = 1024,
    };
}
