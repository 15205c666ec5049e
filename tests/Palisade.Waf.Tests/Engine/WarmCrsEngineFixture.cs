using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// The configuration of <see cref="CrsEngineFixture"/> (CRS v4, paranoia level 1, blocking) with every regular
/// expression compiled while loading, as a server loads it. Measurements of single requests then show what a request
/// costs, not what compiling CRS's largest patterns on first use costs; and no log keeps the lines of huge requests.
/// </summary>
public sealed class WarmCrsEngineFixture
{
    public WafEngine Engine { get; } = WafEngine.LoadText(
        CrsEngineFixture.Configuration(blocking: true),
        new WafEngineOptions { WarmRegexes = true },
        CrsLocation.V4Directory);
}
