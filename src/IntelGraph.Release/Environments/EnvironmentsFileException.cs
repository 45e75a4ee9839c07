using IntelGraph.Core;

namespace IntelGraph.Release.Environments;

/// <summary>One problem in an environments file; <see cref="Line"/> is 1-based, or 0 for the whole file.</summary>
/// <param name="Field">The dotted path of the field at fault, such as <c>environments.stage.gates[1]</c>; empty for the whole file.</param>
public sealed record EnvironmentsFileError(string File, long Line, long Column, string Field, string Message)
{
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Field.Length > 0 ? $"{location}: {Field}: {Message}" : $"{location}: {Message}";
    }
}

/// <summary>An environments file that cannot be used; the message lists every problem with file, line and field.</summary>
public sealed class EnvironmentsFileException(IReadOnlyList<EnvironmentsFileError> errors)
    : IntelGraphException(errors.Count == 1
        ? errors[0].ToString()
        : $"{errors.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(error => "  " + error)))
{
    public IReadOnlyList<EnvironmentsFileError> Errors { get; } = errors;
}
