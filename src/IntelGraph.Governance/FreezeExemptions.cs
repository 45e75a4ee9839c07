namespace IntelGraph.Governance;

/// <summary>The rules for the client ids a write freeze exempts, shared by <c>PUT /admin/freeze</c> and <c>intelgraph freeze</c>.</summary>
public static class FreezeExemptions
{
    public const int MaxClients = 20;

    public const int MaxClientIdLength = 200;

    /// <summary>
    /// Checks exempt client ids: at most <see cref="MaxClients"/>, each 1 to <see cref="MaxClientIdLength"/>
    /// characters of A-Z, a-z, 0-9 and <c>. _ : @ -</c>. Returns one error per invalid id, or a single
    /// error without an index when there are too many ids. An empty list means every id is valid.
    /// </summary>
    public static IReadOnlyList<FreezeExemptionError> Validate(IReadOnlyList<string?> clientIds)
    {
        if (clientIds.Count > MaxClients)
        {
            return [new FreezeExemptionError(null, $"has {clientIds.Count} client ids, but at most {MaxClients} are allowed.")];
        }

        var errors = new List<FreezeExemptionError>();
        for (var i = 0; i < clientIds.Count; i++)
        {
            if (DescribeProblem(clientIds[i]) is { } problem)
            {
                errors.Add(new FreezeExemptionError(i, problem));
            }
        }

        return errors;
    }

    private static string? DescribeProblem(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return $"is empty, but a client id needs 1 to {MaxClientIdLength} characters.";
        }

        if (clientId.Length > MaxClientIdLength)
        {
            return $"has {clientId.Length} characters, but at most {MaxClientIdLength} are allowed.";
        }

        foreach (var character in clientId)
        {
            if (!IsAllowed(character))
            {
                // The code point, not the character itself, so a control character cannot garble the message.
                return $"contains the character U+{(int)character:X4}, but only A-Z, a-z, 0-9 and . _ : @ - are allowed.";
            }
        }

        return null;
    }

    private static bool IsAllowed(char character) => char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or ':' or '@' or '-';
}

/// <summary>An invalid exempt client id, or too many of them when <paramref name="Index"/> is null.</summary>
/// <param name="Index">The position of the invalid id in the list, from 0.</param>
/// <param name="Message">What is wrong, phrased to follow the name of the field or option.</param>
public sealed record FreezeExemptionError(int? Index, string Message);
