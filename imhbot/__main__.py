from imhbot.cli import main

raise SystemExit(main())
