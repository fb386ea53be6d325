from bgfuture_desk.cli import main

raise SystemExit(main())
