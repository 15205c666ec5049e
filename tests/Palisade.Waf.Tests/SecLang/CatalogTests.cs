using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>The closed lists: every member has a canonical name that reads back as itself.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void NameOf_EveryVariable_ParsesBackToItself()
    {
        foreach (var name in Enum.GetValues<VariableName>())
        {
            Assert.True(VariableCatalog.TryParse(VariableCatalog.NameOf(name), out var parsed));
            Assert.Equal(name, parsed);
        }

        Assert.Equal(Enum.GetValues<VariableName>().Length, VariableCatalog.AllNames.Count);
    }

    [Fact]
    public void NameOf_EveryOperatorTransformationActionAndCtlKind_ParsesBackToItself()
    {
        Assert.All(Enum.GetValues<OperatorName>(), name => Assert.True(OperatorCatalog.TryParse(OperatorCatalog.NameOf(name), out var parsed, out _) && parsed == name));
        Assert.All(Enum.GetValues<TransformationName>(), name => Assert.True(TransformationCatalog.TryParse(TransformationCatalog.NameOf(name), out var parsed) && parsed == name));
        Assert.All(Enum.GetValues<ActionName>(), name => Assert.True(ActionCatalog.TryParse(ActionCatalog.NameOf(name), out var parsed) && parsed == name));
        Assert.All(Enum.GetValues<ControlKind>(), kind => Assert.True(ControlCatalog.TryParse(ControlCatalog.NameOf(kind), out var parsed) && parsed == kind));
    }

    [Theory]
    [InlineData("normalisePath", TransformationName.NormalizePath)]
    [InlineData("NORMALIZEPATHWIN", TransformationName.NormalizePathWin)]
    [InlineData("utf8toUnicode", TransformationName.Utf8ToUnicode)]
    public void TryParse_TransformationSpellings_SameMember(string written, TransformationName expected)
    {
        Assert.True(TransformationCatalog.TryParse(written, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Shapes_CollectionsAndWritableOnes_AsModSecurityDefinesThem()
    {
        Assert.True(VariableCatalog.IsCollection(VariableName.RequestHeaders));
        Assert.False(VariableCatalog.IsCollection(VariableName.RequestMethod));
        Assert.True(VariableCatalog.IsWritable(VariableName.Tx));
        Assert.True(VariableCatalog.IsPersistent(VariableName.Ip));
        Assert.False(VariableCatalog.IsWritable(VariableName.Args));
        Assert.False(VariableCatalog.IsPersistent(VariableName.Tx));
    }
}
