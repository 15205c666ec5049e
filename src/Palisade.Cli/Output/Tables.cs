using Spectre.Console;
using Spectre.Console.Rendering;

namespace Palisade.Cli.Output;

/// <summary>
/// Table building blocks. Every cell is plain <see cref="Text"/>, never markup: values come from the server (names,
/// descriptions) and a '[' in them must print as itself.
/// </summary>
internal static class Tables
{
    public const string Empty = "-";

    public static Table Create(params string[] headers)
    {
        var table = new Table { Border = TableBorder.Rounded };
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    public static void AddRow(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(Cell));

    public static IRenderable Cell(string? value) => new Text(string.IsNullOrEmpty(value) ? Empty : value);

    /// <summary>The first non-empty value, or <see cref="Empty"/>.</summary>
    public static string FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? Empty;

    public static string Join(IEnumerable<string> values)
    {
        var joined = string.Join(", ", values.Where(v => !string.IsNullOrEmpty(v)));
        return joined.Length == 0 ? Empty : joined;
    }

    /// <summary>A line of plain text (never interpreted as markup).</summary>
    public static void Line(IAnsiConsole console, string text) => console.Write(new Text(text + Environment.NewLine));

    public static void Heading(IAnsiConsole console, string text) =>
        console.Write(new Text(text + Environment.NewLine, new Style(decoration: Decoration.Bold)));
}
