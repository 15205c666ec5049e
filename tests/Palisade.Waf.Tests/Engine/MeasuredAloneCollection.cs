namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Tests that time single requests run with no other test of the assembly beside them: another class allocating
/// hundreds of megabytes triggers collections that pause every thread, which would be charged to the request measured.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection
{
    public const string Name = "WAF engine measurements, run alone";
}
