namespace Palisade.Waf.Detection.Sql;

/// <summary>What the word list says about one word.</summary>
internal readonly record struct SqlWordInfo(SqlTokenKind Kind, SqlWord Word, SqlTokenFlags Flags);
