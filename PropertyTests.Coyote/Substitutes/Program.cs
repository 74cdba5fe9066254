using Mono.Cecil;
using Mono.Cecil.Cil;

namespace RcuCollections.CoyoteSubstitutes;

/// <summary>
/// Swaps the synchronisation types Coyote 1.7.11 does not control for the Monitor-based stand-ins of this assembly, in
/// place, in assemblies of a test output folder. Usage: <c>RcuCollections.CoyoteSubstitutes FOLDER ASSEMBLY...</c>.
/// Run it before <c>coyote rewrite</c>, which then makes the stand-ins' Monitor calls controlled. Idempotent: an
/// assembly that no longer names a substituted type is left alone.
/// </summary>
public static class Program
{
    /// <summary>The substituted types (full names as Cecil spells them, nested types with '/') and their stand-ins.</summary>
    private static readonly Dictionary<string, Type> s_map = new()
    {
        ["System.Threading.ManualResetEventSlim"] = typeof(ControlledManualResetEventSlim),
        ["System.Threading.Lock"] = typeof(ControlledLock),
        ["System.Threading.Lock/Scope"] = typeof(ControlledLock.Scope),
    };

    public static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: RcuCollections.CoyoteSubstitutes FOLDER ASSEMBLY...");
            return 2;
        }
        string folder = Path.GetFullPath(args[0].Trim()); // the build passes "DIR " so that a trailing backslash cannot escape the quote
        string self = typeof(Program).Assembly.Location;
        foreach (string name in args.Skip(1))
        {
            string path = Path.Combine(folder, name);
            int count = Substitute(path, folder, self);
            Console.WriteLine(count == 0
                ? $"coyote-substitutes: {name}: nothing to substitute"
                : $"coyote-substitutes: {name}: {count} references substituted");
        }
        return 0;
    }

    /// <summary>Rewrites one assembly; returns how many references were changed.</summary>
    public static int Substitute(string path, string folder, string substitutesPath)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(folder);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        string pdb = Path.ChangeExtension(path, ".pdb");
        bool symbols = File.Exists(pdb);
        byte[] image = File.ReadAllBytes(path);
        byte[]? pdbImage = symbols ? File.ReadAllBytes(pdb) : null;

        int changed;
        using (var input = new MemoryStream(image))
        using (var pdbInput = pdbImage is null ? null : new MemoryStream(pdbImage))
        using (ModuleDefinition substitutes = ModuleDefinition.ReadModule(substitutesPath, new ReaderParameters { AssemblyResolver = resolver }))
        using (ModuleDefinition module = ModuleDefinition.ReadModule(input, new ReaderParameters
               {
                   AssemblyResolver = resolver,
                   ReadSymbols = symbols,
                   SymbolStream = pdbInput,
               }))
        {
            var pass = new Pass(module, substitutes);
            changed = pass.Run();
            if (changed == 0) return 0;
            module.Write(path, new WriterParameters { WriteSymbols = symbols });
        }
        return changed;
    }

    private sealed class Pass(ModuleDefinition module, ModuleDefinition substitutes)
    {
        private int _changed;

        public int Run()
        {
            foreach (TypeDefinition type in module.GetTypes())
            {
                foreach (FieldDefinition field in type.Fields) field.FieldType = Map(field.FieldType);
                foreach (PropertyDefinition property in type.Properties) property.PropertyType = Map(property.PropertyType);
                foreach (MethodDefinition method in type.Methods)
                {
                    method.ReturnType = Map(method.ReturnType);
                    foreach (ParameterDefinition parameter in method.Parameters) parameter.ParameterType = Map(parameter.ParameterType);
                    if (!method.HasBody) continue;
                    foreach (VariableDefinition variable in method.Body.Variables) variable.VariableType = Map(variable.VariableType);
                    foreach (Instruction instruction in method.Body.Instructions)
                    {
                        instruction.Operand = instruction.Operand switch
                        {
                            MethodReference m => MapMethod(m),
                            FieldReference f => MapField(f),
                            TypeReference t => Map(t),
                            var other => other,
                        };
                    }
                }
            }
            return _changed;
        }

        private TypeReference Map(TypeReference type)
        {
            switch (type)
            {
                case ByReferenceType byRef:
                {
                    TypeReference element = Map(byRef.ElementType);
                    return ReferenceEquals(element, byRef.ElementType) ? type : new ByReferenceType(element);
                }
                case ArrayType array:
                {
                    TypeReference element = Map(array.ElementType);
                    return ReferenceEquals(element, array.ElementType) ? type : new ArrayType(element, array.Rank);
                }
                case GenericInstanceType generic:
                {
                    bool any = false;
                    var mapped = new GenericInstanceType(Map(generic.ElementType));
                    foreach (TypeReference argument in generic.GenericArguments)
                    {
                        TypeReference m = Map(argument);
                        any |= !ReferenceEquals(m, argument);
                        mapped.GenericArguments.Add(m);
                    }
                    return any || !ReferenceEquals(mapped.ElementType, generic.ElementType) ? mapped : type;
                }
            }
            if (s_map.TryGetValue(type.FullName, out Type? replacement) && type.Scope.Name is "System.Runtime" or "System.Threading" or "System.Private.CoreLib" or "netstandard")
            {
                _changed++;
                return module.ImportReference(substitutes.GetType(replacement.FullName!.Replace('+', '/')) ?? throw new InvalidOperationException(replacement.FullName));
            }
            return type;
        }

        private MethodReference MapMethod(MethodReference method)
        {
            if (method is GenericInstanceMethod genericMethod)
            {
                var mapped = new GenericInstanceMethod(MapMethod(genericMethod.ElementMethod));
                foreach (TypeReference argument in genericMethod.GenericArguments) mapped.GenericArguments.Add(Map(argument));
                return mapped;
            }
            TypeReference declaring = Map(method.DeclaringType);
            if (ReferenceEquals(declaring, method.DeclaringType))
            {
                // Not a substituted type's member, but its signature may still name one (e.g. a generic instance).
                return method;
            }
            TypeDefinition target = declaring.Resolve() ?? throw new InvalidOperationException($"cannot resolve {declaring.FullName}");
            string[] parameters = method.Parameters.Select(p => Map(p.ParameterType).FullName).ToArray();
            MethodDefinition? match = target.Methods.FirstOrDefault(m =>
                m.Name == method.Name && m.HasThis == method.HasThis &&
                m.Parameters.Select(p => p.ParameterType.FullName).SequenceEqual(parameters));
            if (match is null)
            {
                throw new InvalidOperationException(
                    $"{target.FullName} has no stand-in for {method.FullName}: add the member to the substitute before rewriting.");
            }
            return module.ImportReference(match);
        }

        private FieldReference MapField(FieldReference field)
        {
            if (field is FieldDefinition) return field; // its type is mapped with its declaring type
            TypeReference declaring = Map(field.DeclaringType);
            if (!ReferenceEquals(declaring, field.DeclaringType))
                throw new InvalidOperationException($"field access {field.FullName} on a substituted type is not supported");
            TypeReference fieldType = Map(field.FieldType);
            return ReferenceEquals(fieldType, field.FieldType) ? field : new FieldReference(field.Name, fieldType, field.DeclaringType);
        }
    }
}
