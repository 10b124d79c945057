// One sandboxed query: the request on stdin, the rows (or the refusal) on stdout. See CsKpi.Warehouse.SandboxWorker.
return CsKpi.Warehouse.SandboxWorker.Serve(Console.OpenStandardInput(), Console.OpenStandardOutput());
