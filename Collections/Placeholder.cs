namespace RcuCollections;
