using System.CommandLine;
using Palisade.Cli.Output;
using Palisade.Contracts.Common;

namespace Palisade.Cli.Commands;

/// <summary>`palisade region list|create`.</summary>
internal static class RegionCommands
{
    public static Command Create(ApiCommandRunner runner) =>
        new("region", "Regions: separate sets of security groups and instances (the server starts with region \"local\").")
        {
            List(runner),
            CreateRegion(runner),
        };

    private static Command List(ApiCommandRunner runner)
    {
        var command = new ExampleCommand(
            "list",
            "List the regions.",
            "./palisade region list");
        runner.Bind<object, DescribeRegionsResponse>(command, ApiActions.DescribeRegions, _ => new { }, (response, console) =>
        {
            var table = Tables.Create("Region", "Name");
            foreach (var region in response.Regions)
            {
                Tables.AddRow(table, region.RegionId, region.LocalName);
            }

            console.Write(table);
        });
        return command;
    }

    private static Command CreateRegion(ApiCommandRunner runner)
    {
        var id = CliOptions.Text("--region-id", "The new region's id, e.g. eu-west.", "ID", required: true);
        var name = CliOptions.Text("--local-name", "A name for people, e.g. \"Paris data centre\".", "NAME");
        var command = new ExampleCommand(
            "create",
            "Create a region (admin tokens only).",
            "./palisade region create --region-id eu-west --local-name \"Paris\"")
        {
            id, name,
        };
        runner.Bind<CreateRegionRequest, ApiResponse>(command, ApiActions.CreateRegion,
            parse => new() { RegionId = parse.GetValue(id), LocalName = parse.GetValue(name) },
            (_, console) => Tables.Line(console, "Region created."));
        return command;
    }
}
