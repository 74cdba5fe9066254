namespace RcuCollections.Benchmarks;

internal static class Program
{
    private static int Main(string[] args) =>
        args is ["dictionary", ..] ? Dictionary.DictionaryCommand.Run(args[1..]) : 0;
}
