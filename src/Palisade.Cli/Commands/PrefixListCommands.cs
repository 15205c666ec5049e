using System.CommandLine;
using Palisade.Cli.Output;
using Palisade.Contracts.Common;
using Palisade.Contracts.PrefixLists;

namespace Palisade.Cli.Commands;

/// <summary>`palisade prefix-list …`: named sets of CIDR blocks that rules use as source or destination.</summary>
internal static class PrefixListCommands
{
    private const string EntryHelp = "CIDR[=DESCRIPTION]";

    public static Command Create(ApiCommandRunner runner) =>
        new("prefix-list", "Prefix lists: named sets of CIDR blocks, used by rules through --source-prefix-list-id / --dest-prefix-list-id.")
        {
            CreateList(runner),
            List(runner),
            Modify(runner),
            Delete(runner),
        };

    /// <summary>"203.0.113.0/24=office" → the block and its description; '=' never occurs in a CIDR, so it can separate them.</summary>
    internal static List<PrefixListEntryInput>? Entries(string[]? values) =>
        values is { Length: > 0 }
            ? [.. values.Select(value =>
            {
                var separator = value.IndexOf('=', StringComparison.Ordinal);
                return separator < 0
                    ? new PrefixListEntryInput { Cidr = value }
                    : new PrefixListEntryInput { Cidr = value[..separator], Description = value[(separator + 1)..] };
            })]
            : null;

    private static Command CreateList(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var name = CliOptions.Text("--prefix-list-name", "A name for people.", "NAME", required: true);
        var family = CliOptions.Text("--address-family", "IPv4 (default) or IPv6.", "FAMILY");
        var maxEntries = CliOptions.Text("--max-entries", "The most entries the list may hold.", "N");
        var description = CliOptions.Text("--description", "What the list is for.", "TEXT");
        var entries = CliOptions.Repeatable("--entry", "A block, optionally with a description after '=' (repeat the option for several).", EntryHelp);
        var command = new ExampleCommand(
            "create",
            "Create a prefix list.",
            "./palisade prefix-list create --prefix-list-name offices --max-entries 10 --entry 203.0.113.0/24=Paris --entry 198.51.100.0/24=Lyon")
        {
            region, name, family, maxEntries, description, entries,
        };
        runner.Bind<CreatePrefixListRequest, CreatePrefixListResponse>(command, ApiActions.CreatePrefixList, parse => new()
        {
            RegionId = parse.GetValue(region),
            PrefixListName = parse.GetValue(name),
            AddressFamily = parse.GetValue(family),
            MaxEntries = parse.GetValue(maxEntries),
            Description = parse.GetValue(description),
            Entry = Entries(parse.GetValue(entries)),
        }, (response, console) => Tables.Line(console, $"Created prefix list {response.PrefixListId}."));
        return command;
    }

    private static Command List(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var ids = CliOptions.Repeatable("--prefix-list-id", "Only these lists (repeat the option for several).", "ID");
        var command = new ExampleCommand(
            "list",
            "List prefix lists with their entries.",
            "./palisade prefix-list list") { region, ids };
        runner.Bind<DescribePrefixListsRequest, DescribePrefixListsResponse>(command, ApiActions.DescribePrefixLists,
            parse => new() { RegionId = parse.GetValue(region), PrefixListId = CliOptions.ListOrNull(parse.GetValue(ids)) },
            (response, console) =>
            {
                if (response.PrefixLists.Count == 0)
                {
                    Tables.Line(console, "No prefix lists.");
                    return;
                }

                var table = Tables.Create("Prefix list", "Name", "Family", "Entries", "Description", "Created");
                foreach (var list in response.PrefixLists)
                {
                    var entries = list.Entries.Select(e => string.IsNullOrEmpty(e.Description) ? e.Cidr : $"{e.Cidr} ({e.Description})");
                    Tables.AddRow(table, list.PrefixListId, list.PrefixListName, list.AddressFamily,
                        $"{list.Entries.Count}/{list.MaxEntries}: {Tables.Join(entries)}", list.Description, list.CreationTime);
                }

                console.Write(table);
            });
        return command;
    }

    private static Command Modify(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.Text("--prefix-list-id", "The prefix list.", "ID", required: true);
        var name = CliOptions.Text("--prefix-list-name", "The new name.", "NAME");
        var description = CliOptions.Text("--description", "The new description.", "TEXT");
        var add = CliOptions.Repeatable("--add-entry", "A block to add (repeatable).", EntryHelp);
        var remove = CliOptions.Repeatable("--remove-entry", "A block to remove (repeatable).", "CIDR");
        var command = new ExampleCommand(
            "modify",
            "Rename a prefix list or add and remove entries; rules using it follow at once.",
            "./palisade prefix-list modify --prefix-list-id pl-0a1b2c3d4e5f --add-entry 192.0.2.0/24=Nantes")
        {
            region, id, name, description, add, remove,
        };
        runner.Bind<ModifyPrefixListRequest, ApiResponse>(command, ApiActions.ModifyPrefixList, parse => new()
        {
            RegionId = parse.GetValue(region),
            PrefixListId = parse.GetValue(id),
            PrefixListName = parse.GetValue(name),
            Description = parse.GetValue(description),
            AddEntry = Entries(parse.GetValue(add)),
            RemoveEntry = Entries(parse.GetValue(remove)),
        }, (_, console) => Tables.Line(console, "Prefix list changed."));
        return command;
    }

    private static Command Delete(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.Text("--prefix-list-id", "The prefix list.", "ID", required: true);
        var command = new ExampleCommand(
            "delete",
            "Delete a prefix list no rule uses.",
            "./palisade prefix-list delete --prefix-list-id pl-0a1b2c3d4e5f")
        {
            region, id,
        };
        runner.Bind<DeletePrefixListRequest, ApiResponse>(command, ApiActions.DeletePrefixList,
            parse => new() { RegionId = parse.GetValue(region), PrefixListId = parse.GetValue(id) },
            (_, console) => Tables.Line(console, "Deleted."));
        return command;
    }
}
