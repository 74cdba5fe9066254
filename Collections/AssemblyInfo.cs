// The collections built on the RCU engine live in this assembly (RcuCollections).
[assembly: System.CLSCompliant(false)]
