using System.Reflection;
using PublicApiGenerator;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Api;

/// <summary>
/// API approval: the public surface of each shipped assembly must equal its approved text in this folder, so
/// that no public change slips in unseen. To accept a deliberate change, copy the <c>.received.txt</c> file the
/// failing test writes over the <c>.approved.txt</c> file and commit it with the change.
/// </summary>
public class PublicApiTests
{
    [Theory]
    [InlineData("RcuCollections.Rcu")]
    [InlineData("RcuCollections")]
    public void PublicApi_IsApproved(string assemblyName)
    {
        Assembly assembly = Assembly.Load(assemblyName);
        string api = assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute"] })
            .ReplaceLineEndings("\n");
        string folder = Path.Combine(RepoPaths.Root, "PropertyTests", "Api");
        string approvedPath = Path.Combine(folder, assemblyName + ".approved.txt");
        string receivedPath = Path.Combine(folder, assemblyName + ".received.txt");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved != api)
        {
            File.WriteAllText(receivedPath, api);
            Assert.Fail($"The public API of {assemblyName} changed. Review {receivedPath} and, if intended, copy it over {approvedPath}.");
        }
        if (File.Exists(receivedPath)) File.Delete(receivedPath);
    }
}
