namespace IntelGraph.Core;

/// <summary>
/// The root of the errors IntelGraph raises on purpose. Each message names the value at fault and
/// what the operator can do next; anything else that escapes is a defect.
/// </summary>
public abstract class IntelGraphException : Exception
{
    protected IntelGraphException(string message)
        : base(message)
    {
    }

    protected IntelGraphException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An argument, file or record that cannot be used as given.</summary>
public sealed class InvalidInputException : IntelGraphException
{
    public InvalidInputException(string message)
        : base(message)
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A tenant, manifest, claim or other record that does not exist.</summary>
public sealed class NotFoundException(string message) : IntelGraphException(message);

/// <summary>Stored or received data that fails a digest, checksum, signature or count check.</summary>
public sealed class IntegrityException(string message) : IntelGraphException(message);

/// <summary>The store refused an operation, for example a schema newer than this build understands.</summary>
public sealed class StoreException : IntelGraphException
{
    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
