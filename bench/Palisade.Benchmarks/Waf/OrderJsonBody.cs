using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// The JSON body of an order placed through a shop API: customer with two addresses, line items with nested tax,
/// attribute and tag objects, shipping, payment, discounts and client metadata. Items are added until the body
/// reaches the requested size, so the payload's shape stays realistic at any size. Deterministic, compact (as
/// browsers' fetch sends it).
/// </summary>
internal static class OrderJsonBody
{
    private static readonly (string Sku, string Name, decimal Price, string Color, string Size, string[] Tags)[] Catalog =
    [
        ("TR-4711-BL-42", "Trail running shoe", 129.95m, "blue", "42", ["running", "outdoor", "shoes"]),
        ("SK-0815-GR-M", "Merino running socks, 3 pack", 24.90m, "grey", "M", ["running", "socks"]),
        ("JK-2210-OR-L", "Lightweight rain jacket", 89.00m, "orange", "L", ["outdoor", "jackets", "waterproof"]),
        ("BT-3301-BK-OS", "Hydration vest 5 l", 64.50m, "black", "one size", ["running", "hydration"]),
        ("HL-7720-WH-OS", "Head lamp 400 lumen", 39.99m, "white", "one size", ["outdoor", "lighting"]),
        ("CP-1180-NV-58", "Running cap", 19.95m, "navy", "58", ["running", "accessories"]),
    ];

    public static byte[] Build(int targetBytes)
    {
        for (var items = 1; ; items++)
        {
            var body = BuildWithItems(items);
            if (body.Length >= targetBytes)
            {
                return body;
            }
        }
    }

    private static byte[] BuildWithItems(int itemCount)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // JSON.stringify leaves '&', '<' and '+' alone; the writer's default encoder would escape them.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("orderId", "ord_20261129_118734");
            json.WriteString("createdAt", "2026-11-29T10:15:42.318Z");
            json.WriteString("currency", "EUR");
            WriteCustomer(json);
            json.WriteStartArray("items");
            decimal total = 0;
            for (var i = 0; i < itemCount; i++)
            {
                total += WriteItem(json, i);
            }

            json.WriteEndArray();
            WriteShippingAndPayment(json);
            json.WriteStartObject("totals");
            json.WriteNumber("net", Math.Round(total / 1.19m, 2));
            json.WriteNumber("tax", Math.Round(total - (total / 1.19m), 2));
            json.WriteNumber("shipping", 4.95m);
            json.WriteNumber("discount", 12.50m);
            json.WriteNumber("gross", total + 4.95m - 12.50m);
            json.WriteEndObject();
            json.WriteString("notes", "Please leave the parcel at the reception desk on the ground floor.");
            WriteMetadata(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteCustomer(Utf8JsonWriter json)
    {
        json.WriteStartObject("customer");
        json.WriteString("id", "cus_8812");
        json.WriteString("email", "maria.keller@example.com");
        json.WriteStartObject("name");
        json.WriteString("first", "Maria");
        json.WriteString("last", "Keller");
        json.WriteEndObject();
        json.WriteString("phone", "+49 30 5551234");
        json.WriteStartArray("addresses");
        WriteAddress(json, "billing", "Friedrichstrasse 123", "10117");
        WriteAddress(json, "shipping", "Chausseestrasse 8, 3rd floor", "10115");
        json.WriteEndArray();
        json.WriteStartObject("preferences");
        json.WriteBoolean("newsletter", true);
        json.WriteString("language", "de-DE");
        json.WriteString("timezone", "Europe/Berlin");
        json.WriteEndObject();
        json.WriteBoolean("guest", false);
        json.WriteEndObject();
    }

    private static void WriteAddress(Utf8JsonWriter json, string type, string street, string postalCode)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("name", "Maria Keller");
        json.WriteString("company", "Keller & Sons Logistics");
        json.WriteString("street", street);
        json.WriteString("postalCode", postalCode);
        json.WriteString("city", "Berlin");
        json.WriteString("country", "DE");
        json.WriteEndObject();
    }

    private static decimal WriteItem(Utf8JsonWriter json, int index)
    {
        var product = Catalog[index % Catalog.Length];
        var quantity = 1 + (index % 3);
        var lineTotal = product.Price * quantity;
        json.WriteStartObject();
        json.WriteNumber("line", index + 1);
        json.WriteString("sku", product.Sku);
        json.WriteString("name", product.Name);
        json.WriteNumber("quantity", quantity);
        json.WriteNumber("unitPrice", product.Price);
        json.WriteStartObject("tax");
        json.WriteNumber("rate", 0.19m);
        json.WriteNumber("amount", Math.Round(lineTotal - (lineTotal / 1.19m), 2));
        json.WriteEndObject();
        json.WriteStartObject("attributes");
        json.WriteString("color", product.Color);
        json.WriteString("size", product.Size);
        json.WriteEndObject();
        json.WriteStartArray("tags");
        foreach (var tag in product.Tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteBoolean("giftWrap", index % 5 == 4);
        json.WriteEndObject();
        return lineTotal;
    }

    private static void WriteShippingAndPayment(Utf8JsonWriter json)
    {
        json.WriteStartObject("shipping");
        json.WriteString("method", "express");
        json.WriteString("carrier", "DHL");
        json.WriteString("requestedDate", "2026-12-02");
        json.WriteBoolean("signatureRequired", false);
        json.WriteEndObject();
        json.WriteStartObject("payment");
        json.WriteString("method", "card");
        json.WriteStartObject("card");
        json.WriteString("brand", "visa");
        json.WriteString("last4", "4242");
        json.WriteNumber("expMonth", 12);
        json.WriteNumber("expYear", 2028);
        json.WriteString("token", "tok_1QhX7d2eZvKYlo2C8fJ3mN4p");
        json.WriteEndObject();
        json.WriteBoolean("billingSameAsShipping", false);
        json.WriteEndObject();
        json.WriteStartArray("discounts");
        json.WriteStartObject();
        json.WriteString("code", "WINTER10");
        json.WriteNumber("amount", 12.50m);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteMetadata(Utf8JsonWriter json)
    {
        json.WriteStartObject("metadata");
        json.WriteString("channel", "web");
        json.WriteString("appVersion", "4.18.2");
        json.WriteString("sessionId", "7f3c9a1e5b2d48f6a0c4e8b1d9f27a63");
        json.WriteStartObject("experiment");
        json.WriteString("id", "checkout-v2");
        json.WriteString("variant", "B");
        json.WriteEndObject();
        json.WriteStartObject("screen");
        json.WriteNumber("width", 1920);
        json.WriteNumber("height", 1080);
        json.WriteNumber("pixelRatio", 1);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
