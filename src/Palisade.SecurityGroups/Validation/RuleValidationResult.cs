using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Validation;

/// <summary>
/// The outcome of validating a <see cref="RuleDraft"/>: a rule (id, group and time still to be assigned by the
/// caller) or every error found.
/// </summary>
public sealed record RuleValidationResult(SecurityGroupRule? Rule, IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Rule is not null && Errors.Count == 0;
}
