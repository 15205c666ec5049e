namespace Palisade.Waf.Hosting.Conformance;

/// <summary>The configuration files, overrides and baseline embedded in this assembly (see the csproj).</summary>
internal static class ConformanceResources
{
    public const string BaseConfiguration = "base.conf";
    public const string TestSetup = "crs-test-setup.conf";
    public const string LogMarker = "log-marker.conf";
    public const string Overrides = "kestrel-overrides.yaml";
    public const string Baseline = "conformance-baseline.txt";

    public static string Read(string name)
    {
        var resource = typeof(ConformanceResources).Namespace + "." + name;
        using var stream = typeof(ConformanceResources).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing from {typeof(ConformanceResources).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
