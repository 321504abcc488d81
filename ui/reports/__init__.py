"""Report pages (issue #5): funnel, forecast, leaderboard, activity & health, completeness."""
