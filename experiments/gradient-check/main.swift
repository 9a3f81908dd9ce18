print("experiment-gradient-check: under construction")
