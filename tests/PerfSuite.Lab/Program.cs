using PerfSuite.Lab;

return await LabCommandLine.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
