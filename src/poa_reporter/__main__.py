from poa_reporter.cli import main

raise SystemExit(main())
