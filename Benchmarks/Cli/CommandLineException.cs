namespace RcuCollections.Benchmarks.Cli;

/// <summary>A command line that cannot be understood; Program prints the message and the usage and exits with code 2.</summary>
public sealed class CommandLineException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words a user can act on.</param>
    public CommandLineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandLineException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The parse failure.</param>
    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
