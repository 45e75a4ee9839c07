using IntelGraph.Core;

namespace IntelGraph.Flags.Yaml;

/// <summary>
/// One problem in a flags or rollout plan file. <see cref="Line"/> and <see cref="Column"/> are
/// 1-based; both are 0 when the problem concerns the whole file, such as a file that does not exist.
/// </summary>
/// <param name="Field">The dotted path of the field at fault, such as <c>environments.prod.enableXAI.percentage</c>; empty for the whole file.</param>
public sealed record FlagsFileError(string File, long Line, long Column, string Field, string Message)
{
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Field.Length > 0 ? $"{location}: {Field}: {Message}" : $"{location}: {Message}";
    }
}

/// <summary>A flags or rollout plan file that cannot be used; the message lists every problem with file, line and field.</summary>
public sealed class FlagsFileException : IntelGraphException
{
    public FlagsFileException(IReadOnlyList<FlagsFileError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<FlagsFileError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<FlagsFileError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(error => "  " + error));
}
